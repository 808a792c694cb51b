-- Languages (issue 17): a user's chosen interface language, and search keys folded the same way
-- in every language (app::model::fold: Turkish İ/I/ı are i, Russian ё is е).

-- NULL: never chosen; the browser's cookie or Accept-Language decides.
ALTER TABLE users ADD COLUMN language TEXT;

-- The keys were Rust's to_lowercase(), which turns İ into i + U+0307 and leaves ı and ё as they
-- are; fold() turns them into i, i and е. Applying the same three steps here gives exactly fold().
UPDATE organizations SET name_folded =
    replace(replace(replace(name_folded, 'i̇', 'i'), 'ı', 'i'), 'ё', 'е');
UPDATE reseller_relationships SET customer_name_folded =
    replace(replace(replace(customer_name_folded, 'i̇', 'i'), 'ı', 'i'), 'ё', 'е');
