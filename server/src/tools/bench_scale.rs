//! Benchmark data at scale: one indirect provider with 1,000 resellers, 100,000 customers,
//! 1,000,000 subscriptions, a notification per customer (all unread) and ten activity entries
//! per customer, so that a load tool can page through the provider's Customers list
//! and open a customer's record. For measuring only (`server bench-scale`), never for production.
//!
//! Rows are written as multi-row INSERTs (one statement per few hundred rows, below SQLite's
//! 32,766 bound parameters) in transactions of 100,000 rows: a statement per row would spend most
//! of the time handing rows to the database thread. Ids are UUID-shaped and deterministic (a table
//! code and a number), so that every row can be made from its number alone.
//! (Over 500 lines: one bulk-insert script per table, in the order the rows depend on each other.)

use super::rows::{self, RowBuf};
use crate::{auth::password, db, services::Services};
use app::model::{OrgId, UserId};
use std::time::Instant;

/// The provider's Global admin; its password is [`PASSWORD`].
pub const PROVIDER_EMAIL: &str = "bench@provider.example";
pub const PASSWORD: &str = "bench-password";
const PROVIDER_NAME: &str = "Bench Provider";
const PROVIDER_MPN: &str = "1000000";
/// Resellers' MPN IDs are this plus their number (seven digits).
const FIRST_RESELLER_MPN: usize = 2_000_000;

const MAX_RESELLERS: usize = 1_000_000;
const MAX_CUSTOMERS: usize = 10_000_000;
const MAX_SUBSCRIPTIONS: usize = 100_000_000;

/// SQLite's limit on bound parameters in one statement.
const MAX_PARAMETERS: usize = 32_766;
const MAX_ROWS_PER_INSERT: usize = 500;
const ROWS_PER_TRANSACTION: usize = 100_000;

const DAY_MS: i64 = 24 * 3600 * 1000;
/// Customers' relationships start over the last two years.
const SPAN_MS: i64 = 730 * DAY_MS;

pub struct Counts {
    pub resellers: usize,
    pub customers: usize,
    pub subscriptions: usize,
}

/// One step of the fill: which rows, how many, how long.
pub struct Phase {
    pub name: &'static str,
    pub rows: usize,
    pub seconds: f64,
}

pub struct Made {
    pub phases: Vec<Phase>,
    pub seconds: f64,
    /// What the benchmark script needs, as (name, value).
    pub values: Vec<(&'static str, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("bench-scale needs an empty database")]
    NotEmpty,
    #[error(
        "bench-scale needs 1 to {MAX_RESELLERS} resellers, 1 to {MAX_CUSTOMERS} customers and at most {MAX_SUBSCRIPTIONS} subscriptions"
    )]
    Counts,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] password::HashError),
}

/// A UUID-shaped id, distinct per table code and number (`n` below 10^12).
fn id(table: u32, n: usize) -> String {
    format!("{table:08x}-0000-7000-8000-{n:012}")
}

/// A made-up id as the typed functions of `db` take it.
fn uuid(id: &str) -> Result<uuid::Uuid, sqlx::Error> {
    uuid::Uuid::parse_str(id).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

const PROVIDER: u32 = 0x10;
const RESELLER: u32 = 0x11;
const CUSTOMER: u32 = 0x12;
const USER: u32 = 0x20;
const PARTNERSHIP: u32 = 0x30;
const RELATIONSHIP: u32 = 0x40;
const GRANT: u32 = 0x50;
const OFFER: u32 = 0x60;
const ORDER: u32 = 0x70;
const SUBSCRIPTION: u32 = 0x80;
const ACTIVITY: u32 = 0x90;

/// SplitMix64: the same pseudo-random choices on every run.
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `list[hash % len]` for a non-empty list.
fn pick(list: &[&'static str], hash: u64) -> &'static str {
    list[usize::try_from(hash % list.len() as u64).unwrap_or(0)]
}

#[rustfmt::skip]
const PLACES: &[&str] = &[
    "Alföld", "Bakony", "Balaton", "Bükk", "Csepel", "Debrecen", "Duna", "Eger", "Érd", "Gödöllő",
    "Győr", "Hajdú", "Hegyvidék", "Kapos", "Kecskemét", "Kőbánya", "Mátra", "Mecsek", "Miskolc",
    "Nyír", "Óbuda", "Pannon", "Pécs", "Pilis", "Rába", "Sopron", "Szeged", "Székesfehérvár",
    "Szolnok", "Tata", "Tisza", "Tokaj", "Vác", "Veszprém", "Zala", "Zemplén", "Alpha", "Nova",
    "Corvin", "Hunnia",
];
#[rustfmt::skip]
const TRADES: &[&str] = &[
    "Adat", "Agrár", "Autóház", "Építő", "Energia", "Gépészeti", "Informatika", "Kereskedelmi",
    "Könyvelő", "Logisztika", "Média", "Mérnöki", "Nyomda", "Optika", "Pékség", "Szállítmányozási",
    "Szoftver", "Tanácsadó", "Textil", "Utazási", "Vendéglátó", "Vegyipari", "Biztonsági", "Dental",
    "Fitness", "Kertészet", "Labor", "Marketing", "Nyelviskola", "Patika",
];
#[rustfmt::skip]
const MIDDLES: &[&str] = &[
    "", "", "", "Hungária ", "Plusz ", "Pro ", "és Társa ", "Partner ",
];
#[rustfmt::skip]
const FORMS: &[&str] = &[
    "Kft.", "Kft.", "Kft.", "Zrt.", "Bt.", "Nyrt.", "Kkt.",
];
#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    "Anna", "Balázs", "Csilla", "Dániel", "Eszter", "Ferenc", "Gabriella", "Gergely", "Hajnalka",
    "István", "Judit", "Katalin", "László", "Márta", "Norbert", "Orsolya", "Péter", "Réka",
    "Sándor", "Tamás", "Veronika", "Zoltán", "Zsófia", "Ádám",
];
#[rustfmt::skip]
const LAST_NAMES: &[&str] = &[
    "Balogh", "Farkas", "Horváth", "Kiss", "Kovács", "Lakatos", "Molnár", "Nagy", "Németh", "Oláh",
    "Papp", "Szabó", "Szilágyi", "Takács", "Tóth", "Varga",
];
#[rustfmt::skip]
const STREETS: &[&str] = &[
    "Fő utca", "Kossuth Lajos utca", "Petőfi Sándor utca", "Rákóczi út", "Széchenyi tér",
    "Ady Endre utca", "Váci út", "Dózsa György út",
];

/// (name, billing term, minimum licenses, maximum licenses)
const OFFERS: &[(&str, &str, i64, i64)] = &[
    ("Business Basic", "monthly", 1, 300),
    ("Business Standard", "monthly", 1, 300),
    ("Business Premium", "annual", 1, 300),
    ("Enterprise E3", "annual", 1, 50_000),
    ("Enterprise E5", "annual", 1, 50_000),
    ("Exchange Online Plan 1", "monthly", 1, 50_000),
    ("Teams Essentials", "monthly", 1, 300),
    ("Copilot Add-on", "annual", 10, 50_000),
];

/// A customer's legal name: word lists combined by a hash, so that name order is not id order.
fn customer_name(i: usize) -> String {
    let h = mix(i as u64);
    format!(
        "{} {} {}{}",
        pick(PLACES, h),
        pick(TRADES, h >> 16),
        pick(MIDDLES, h >> 32),
        pick(FORMS, h >> 48)
    )
}

/// The customers' relationships with the provider start at distinct times over two years, in an
/// order that is not the ids' order: customer `i` is `rank(i)`-th oldest, a bijection of 0..n.
struct Ranks {
    n: u64,
    multiplier: u64,
    offset: u64,
}

impl Ranks {
    fn new(n: usize) -> Self {
        let n = n as u64;
        let mut multiplier = (n * 5 / 8).max(1);
        while gcd(multiplier, n) != 1 {
            multiplier += 1;
        }
        Self {
            n,
            multiplier,
            offset: n / 3,
        }
    }

    fn rank(&self, i: usize) -> usize {
        let r = ((i as u64 % self.n) * self.multiplier + self.offset) % self.n;
        usize::try_from(r).unwrap_or(0)
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Fills an empty database. Every organization is in Hungary (one region), public cloud.
pub async fn fill(services: &Services, counts: &Counts) -> Result<Made, BenchError> {
    let Counts {
        resellers,
        customers,
        subscriptions,
    } = *counts;
    if !(1..=MAX_RESELLERS).contains(&resellers)
        || !(1..=MAX_CUSTOMERS).contains(&customers)
        || subscriptions > MAX_SUBSCRIPTIONS
    {
        return Err(BenchError::Counts);
    }
    if db::orgs::count(services.pool()).await? > 0 {
        return Err(BenchError::NotEmpty);
    }
    let start = Instant::now();
    let mut phases = Vec::new();
    let mut phase_start = Instant::now();
    let mut done = |name: &'static str, rows: usize| {
        phases.push(Phase {
            name,
            rows,
            seconds: phase_start.elapsed().as_secs_f64(),
        });
        phase_start = Instant::now();
    };

    let hash = password::hash(PASSWORD.into()).await?;
    done("password hash", 1);
    let now = services.now_ms();
    let suffix = services.config().tenant_suffix.clone();
    let provider_id = id(PROVIDER, 0);
    let provider_user = id(USER, 0);
    let reseller_user = |r: usize| id(USER, 1 + r);
    let customer_user = |i: usize| id(USER, 1 + resellers + i);
    let reseller_mpn = |r: usize| (FIRST_RESELLER_MPN + r).to_string();
    let resellers_since = now - 3 * 365 * DAY_MS;

    // The provider, its resellers, their admins and partnerships.
    let provider_org = OrgId(uuid(&provider_id)?);
    let mut tx = db::begin_write(services.pool()).await?;
    db::orgs::insert(
        &mut tx,
        &db::orgs::NewOrg {
            id: provider_org,
            kind: "provider",
            legal_name: PROVIDER_NAME,
            country: "HU",
            cloud: "public",
            mpn_id: Some(PROVIDER_MPN),
            at: resellers_since - DAY_MS,
        },
    )
    .await?;
    db::directory::create(&mut tx, provider_org, "HU", now).await?;
    db::users::insert(
        &mut tx,
        &db::users::NewUser {
            id: UserId(uuid(&provider_user)?),
            organization_id: provider_org,
            name: "Bench Admin",
            email: PROVIDER_EMAIL,
            password_hash: &hash,
            must_change_password: false,
            time_zone: "Europe/Budapest",
            at: resellers_since - DAY_MS,
        },
        &["global_admin"],
    )
    .await?;
    tx.commit().await?;
    let reseller_at = |r: usize| resellers_since + i64::try_from(r).unwrap_or(0) * 60_000;
    insert_all(
        services,
        "INSERT INTO organizations (id, kind, legal_name, name_folded, legal_key, country, cloud, mpn_id, created_at) ",
        9,
        0..resellers,
        |b, r| {
            let name = format!("Bench Reseller {r:05}");
            b.push_bind(id(RESELLER, r))
                .push_bind("reseller")
                .push_bind(name.clone())
                .push_bind(app::model::fold::fold(&name))
                .push_bind(db::orgs::legal_key(&name))
                .push_bind("HU")
                .push_bind("public")
                .push_bind(reseller_mpn(r))
                .push_bind(reseller_at(r));
        },
    )
    .await?;
    insert_all(
        services,
        "INSERT INTO users (id, organization_id, name, email, password_hash, must_change_password, time_zone, created_at) ",
        8,
        0..resellers,
        |b, r| {
            b.push_bind(reseller_user(r))
                .push_bind(id(RESELLER, r))
                .push_bind("Bench Admin")
                .push_bind(format!("admin{r}@reseller.bench"))
                .push_bind(hash.as_str())
                .push_bind(false)
                .push_bind("Europe/Budapest")
                .push_bind(reseller_at(r));
        },
    )
    .await?;
    insert_all(
        services,
        "INSERT INTO user_roles (user_id, role) ",
        2,
        0..resellers,
        |b, r| {
            b.push_bind(reseller_user(r)).push_bind("global_admin");
        },
    )
    .await?;
    insert_all(
        services,
        "INSERT INTO partnerships (id, provider_id, reseller_id, since) ",
        4,
        0..resellers,
        |b, r| {
            b.push_bind(id(PARTNERSHIP, r))
                .push_bind(provider_id.as_str())
                .push_bind(id(RESELLER, r))
                .push_bind(reseller_at(r) + DAY_MS);
        },
    )
    .await?;
    done(
        "provider, resellers, their admins and partnerships",
        1 + resellers,
    );

    insert_all(
        services,
        "INSERT INTO offers (id, name, description, billing_term, min_licenses, max_licenses, available, created_at, updated_at) ",
        9,
        OFFERS.iter().enumerate(),
        |b, (k, (name, term, min, max))| {
            b.push_bind(id(OFFER, k))
                .push_bind(*name)
                .push_bind(format!("{name}, billed {term}."))
                .push_bind(*term)
                .push_bind(*min)
                .push_bind(*max)
                .push_bind(true)
                .push_bind(resellers_since)
                .push_bind(resellers_since);
        },
    )
    .await?;
    done("offers", OFFERS.len());

    // Customers: names, their relationships' start, their reseller.
    let names: Vec<String> = (0..customers).map(customer_name).collect();
    let folded: Vec<String> = names.iter().map(|n| app::model::fold::fold(n)).collect();
    let ranks = Ranks::new(customers);
    let step = (SPAN_MS / i64::try_from(customers).unwrap_or(i64::MAX)).max(1);
    let since = |i: usize| now - SPAN_MS + i64::try_from(ranks.rank(i)).unwrap_or(0) * step;
    let reseller_of = |i: usize| i % resellers;
    let domain = |i: usize| format!("c{i:07}.{suffix}");

    insert_all(
        services,
        "INSERT INTO organizations (id, kind, legal_name, name_folded, country, cloud, primary_domain, created_at) ",
        8,
        0..customers,
        |b, i| {
            b.push_bind(id(CUSTOMER, i))
                .push_bind("customer")
                .push_bind(names[i].as_str())
                .push_bind(folded[i].as_str())
                .push_bind("HU")
                .push_bind("public")
                .push_bind(domain(i))
                .push_bind(since(i));
        },
    )
    .await?;
    done("customers", customers);

    insert_all(
        services,
        "INSERT INTO customer_profiles (customer_id, address, city, postal_code, contact_first_name,
                contact_last_name, contact_email, contact_phone) ",
        8,
        0..customers,
        |b, i| {
            let h = mix(i as u64 ^ 0x5EED);
            b.push_bind(id(CUSTOMER, i))
                .push_bind(format!("{} {}.", pick(STREETS, h), 1 + h % 120))
                .push_bind(pick(PLACES, h >> 8))
                .push_bind(format!("{}", 1000 + (h >> 16) % 9000))
                .push_bind(pick(FIRST_NAMES, h >> 24))
                .push_bind(pick(LAST_NAMES, h >> 32))
                .push_bind(format!("info@{}", domain(i)))
                .push_bind(format!("+36 1 {:03} {:04}", (h >> 40) % 1000, (h >> 50) % 10_000));
        },
    )
    .await?;
    done("customer profiles", customers);

    insert_all(
        services,
        "INSERT INTO users (id, organization_id, name, email, password_hash, must_change_password, time_zone, created_at) ",
        8,
        0..customers,
        |b, i| {
            let h = mix(i as u64 ^ 0x5EED);
            b.push_bind(customer_user(i))
                .push_bind(id(CUSTOMER, i))
                .push_bind(format!(
                    "{} {}",
                    pick(FIRST_NAMES, h >> 24),
                    pick(LAST_NAMES, h >> 32)
                ))
                .push_bind(format!("admin@{}", domain(i)))
                .push_bind(hash.as_str())
                .push_bind(false)
                .push_bind("Europe/Budapest")
                .push_bind(since(i));
        },
    )
    .await?;
    insert_all(
        services,
        "INSERT INTO user_roles (user_id, role) ",
        2,
        0..customers,
        |b, i| {
            b.push_bind(customer_user(i)).push_bind("global_admin");
        },
    )
    .await?;
    done("customer admins and their roles", customers);

    // Each customer: a relationship with the provider and one with its reseller.
    let relationships = (0..customers)
        .map(|i| (i, None))
        .chain((0..customers).map(|i| (i, Some(reseller_of(i)))));
    insert_all(
        services,
        "INSERT INTO reseller_relationships (id, partner_id, customer_id, since, customer_name_folded,
                customer_legal_name, customer_domain, customer_country, has_grant) ",
        9,
        relationships,
        |b, (i, reseller)| {
            let (n, partner, at) = match reseller {
                None => (i, provider_id.clone(), since(i)),
                Some(r) => (customers + i, id(RESELLER, r), since(i) + 1000),
            };
            b.push_bind(id(RELATIONSHIP, n))
                .push_bind(partner)
                .push_bind(id(CUSTOMER, i))
                .push_bind(at)
                .push_bind(folded[i].as_str())
                .push_bind(names[i].as_str())
                .push_bind(domain(i))
                .push_bind("HU")
                // The grants below go to each customer's reseller.
                .push_bind(reseller.is_some());
        },
    )
    .await?;
    done("reseller relationships", 2 * customers);

    insert_all(
        services,
        "INSERT INTO delegated_admin_grants (id, customer_id, partner_id, since) ",
        4,
        0..customers,
        |b, i| {
            b.push_bind(id(GRANT, i))
                .push_bind(id(CUSTOMER, i))
                .push_bind(id(RESELLER, reseller_of(i)))
                .push_bind(since(i) + 1000);
        },
    )
    .await?;
    done("delegated admin grants", customers);

    db::customers::fill_shared_customers(services.pool()).await?;
    done("shared customers", 2 * customers);

    insert_all(
        services,
        "INSERT INTO orders (id, customer_id, provider_id, reseller_id, request_key, created_by_user_id, created_by_name, created_at) ",
        8,
        0..customers,
        |b, i| {
            b.push_bind(id(ORDER, i))
                .push_bind(id(CUSTOMER, i))
                .push_bind(provider_id.as_str())
                .push_bind(id(RESELLER, reseller_of(i)))
                .push_bind(format!("bench-{i}"))
                .push_bind(provider_user.as_str())
                .push_bind("Bench")
                .push_bind(since(i));
        },
    )
    .await?;
    done("orders", customers);

    // Subscriptions: as many per customer as the total allows (the first ones get one more),
    // in customer order, which is also the order of their index.
    let per_customer = subscriptions / customers;
    let extra = subscriptions % customers;
    let subs = (0..customers)
        .flat_map(|i| (0..per_customer + usize::from(i < extra)).map(move |k| (i, k)))
        .enumerate();
    insert_all(
        services,
        "INSERT INTO subscriptions (id, customer_id, order_id, offer_id, provider_id, licenses, status,
                reseller_id, support_contact_id, created_by_user_id, created_by_name, created_at, updated_at) ",
        13,
        subs,
        |b, (j, (i, k))| {
            let h = mix(j as u64 ^ 0xC0FFEE);
            let offer = usize::try_from(h % OFFERS.len() as u64).unwrap_or(0);
            let (_, _, min, max) = OFFERS[offer];
            let spread = u64::try_from((max - min).min(250)).unwrap_or(0) + 1;
            let licenses = min + i64::try_from((h >> 8) % spread).unwrap_or(0);
            // About half name the customer's reseller as reseller of record and support contact.
            let reseller = ((h >> 32) & 1 == 0).then(|| id(RESELLER, reseller_of(i)));
            let support = reseller.clone().unwrap_or_else(|| provider_id.clone());
            let at = since(i) + i64::try_from(k).unwrap_or(0) * 1000;
            b.push_bind(id(SUBSCRIPTION, j))
                .push_bind(id(CUSTOMER, i))
                .push_bind(id(ORDER, i))
                .push_bind(id(OFFER, offer))
                .push_bind(provider_id.as_str())
                .push_bind(licenses)
                .push_bind("active")
                .push_bind(reseller)
                .push_bind(support)
                .push_bind(provider_user.as_str())
                .push_bind("Bench")
                .push_bind(at)
                .push_bind(at);
        },
    )
    .await?;
    done("subscriptions", subscriptions);

    // One notification per customer for the provider (its acceptance), all unread: the bell
    // counts the most it ever counts (up to its cap) on every page.
    insert_all(
        services,
        "INSERT INTO notifications (organization_id, kind, actor_name, other_org_id, other_name, at) ",
        6,
        0..customers,
        |b, i| {
            b.push_bind(provider_id.as_str())
                .push_bind("relationship.accepted")
                .push_bind("Bench Admin")
                .push_bind(id(CUSTOMER, i))
                .push_bind(names[i].as_str())
                .push_bind(since(i));
        },
    )
    .await?;
    done("notifications", customers);

    // Ten activity entries per customer in the provider's log (1,000,000 for 100,000
    // customers): kinds in turn, half by the provider's admin, the customer's name as subject.
    const KINDS: [&str; 10] = [
        "relationship.accepted",
        "customer.created",
        "subscription.added",
        "subscription.licenses_changed",
        "subscription.reseller_set",
        "license.assigned",
        "customer_user.added",
        "delegated_admin.granted",
        "invitation.reissued",
        "relationship.requested",
    ];
    let entries = (0..customers).flat_map(|i| (0..KINDS.len()).map(move |k| (i, k)));
    insert_all(
        services,
        "INSERT INTO activity_entries (id, organization_id, actor_user_id, actor_name, action, subject, at) ",
        7,
        entries,
        |b, (i, k)| {
            let by_admin = (i + k) % 2 == 0;
            b.push_bind(id(ACTIVITY, i * KINDS.len() + k))
                .push_bind(provider_id.as_str())
                .push_bind(by_admin.then(|| provider_user.clone()))
                .push_bind(if by_admin { "Bench Admin" } else { "Customer Admin" })
                .push_bind(KINDS[k])
                .push_bind(names[i].as_str())
                .push_bind(since(i) + i64::try_from(k).unwrap_or(0) * 60_000);
        },
    )
    .await?;
    done("activity entries", customers * KINDS.len());

    // Moves everything from the write-ahead log into the database file, so that its size is
    // the data's.
    match services.pool() {
        db::Pool::Sqlite(pool) => {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(pool)
                .await?;
        }
        // Fresh statistics: the planner otherwise guesses the sizes of tables filled in bulk.
        db::Pool::Postgres(pool) => {
            sqlx::query("ANALYZE").execute(pool).await?;
        }
    }
    done("checkpoint", 0);

    // What the script asks for, in the list's default order (newest first: since, then id,
    // descending); `rank` is the order oldest first, and each customer's `since` is distinct.
    let mut newest_first = vec![0; customers];
    for i in 0..customers {
        newest_first[customers - 1 - ranks.rank(i)] = i;
    }
    let deep = customers * 4 / 5;
    let by_name = (0..customers)
        .min_by(|&a, &b| (&folded[a], a).cmp(&(&folded[b], b)))
        .unwrap_or(0);
    let filtered = newest_first
        .iter()
        .copied()
        .find(|&i| reseller_of(i) == 0)
        .unwrap_or(0);
    let first = newest_first[0];
    // The row after the cursor (none when the list is that short: nothing to look for).
    let deep_name = newest_first
        .get(deep + 1)
        .map_or_else(String::new, |&i| names[i].clone());
    let values = vec![
        ("provider_email", PROVIDER_EMAIL.to_owned()),
        ("password", PASSWORD.to_owned()),
        ("reseller_mpn", reseller_mpn(0)),
        ("filtered_name", names[filtered].clone()),
        ("first_name", names[first].clone()),
        ("deep_position", deep.to_string()),
        ("deep_cursor", id(CUSTOMER, newest_first[deep])),
        ("deep_name", deep_name),
        ("by_name_first", names[by_name].clone()),
        ("record_customer", id(CUSTOMER, first)),
        ("record_name", names[first].clone()),
        // A month of the activity log, in the middle of its span (the provider's zone).
        (
            "activity_from",
            crate::services::time_fmt::format_date(now - SPAN_MS / 2, "Europe/Budapest"),
        ),
        (
            "activity_to",
            crate::services::time_fmt::format_date(
                now - SPAN_MS / 2 + 30 * DAY_MS,
                "Europe/Budapest",
            ),
        ),
    ];
    Ok(Made {
        phases,
        seconds: start.elapsed().as_secs_f64(),
        values,
    })
}

/// Adds `rows` with a multi-row INSERT per `head` (`INSERT INTO t (a, b) `) and up to a few
/// hundred rows (`push` gives one row's `columns` values), in transactions of
/// [`ROWS_PER_TRANSACTION`] rows.
async fn insert_all<T, F>(
    services: &Services,
    head: &str,
    columns: usize,
    rows: impl Iterator<Item = T>,
    mut push: F,
) -> Result<usize, sqlx::Error>
where
    F: FnMut(&mut RowBuf, T),
{
    let per_insert = (MAX_PARAMETERS / columns.max(1)).clamp(1, MAX_ROWS_PER_INSERT);
    let mut rows = rows.peekable();
    let mut total = 0;
    while rows.peek().is_some() {
        let mut tx = db::begin_write(services.pool()).await?;
        if let db::Tx::Sqlite(t) = &mut tx {
            // SQLite only, this connection only (the process ends after the fill): 256 MiB of
            // page cache instead of 2, so that the indexes filled out of key order
            // (relationships by date and by name) stay in memory; it halves the fill.
            // `synchronous` cannot change inside a transaction, and is left as it is: the few
            // commits' syncs cost little.
            sqlx::query("PRAGMA cache_size = -262144")
                .execute(&mut **t)
                .await?;
        }
        let mut in_tx = 0;
        while in_tx < ROWS_PER_TRANSACTION && rows.peek().is_some() {
            let batch: Vec<_> = rows
                .by_ref()
                .take(per_insert)
                .map(|row| {
                    let mut b = RowBuf::default();
                    push(&mut b, row);
                    b.0
                })
                .collect();
            rows::insert(&mut tx, head, &batch).await?;
            in_tx += batch.len();
        }
        tx.commit().await?;
        total += in_tx;
    }
    Ok(total)
}
