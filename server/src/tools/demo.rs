//! Demo data: fills an empty database with an indirect provider, two indirect resellers, users
//! with each role and an operator; a partnership, a directory profile and two pending partnership
//! requests (one two days from expiring, for Home); customers in each state of their links (joint invite accepted with a grant, a
//! relationship without a grant, a removed relationship whose grant stays, a pending and a declined
//! request, and an open request for a customer not yet here); and returns the sign-ins and links
//! to print; an offer catalog, subscriptions with a reseller and a support contact, licenses
//! assigned to users, and a customer added by the provider for a reseller (W10); the
//! notifications that story left (`demo_notices`). Each feature extends it.
//! (Over 500 lines because it is one script, read top to bottom: the demo's story in order.)

use crate::on;
use crate::{
    auth::{password, token},
    db,
    services::{
        Services,
        audit::{self, By},
        new_id, new_uuid,
    },
};
use app::model::activity::Activity;
use app::model::{OrgId, Role, UserId};

/// The one password of every demo account (demo data is for exploring, never for production).
pub const PASSWORD: &str = "tierlink-demo";

/// What the demo made, to print.
pub struct Filled {
    pub sign_ins: Vec<SignIn>,
    /// A pending partnership request link (Contoso → Northwind), to try the acceptance page.
    pub pending_link: String,
    /// A pending reseller relationship request from Fabrikam, addressed to nobody yet: open it to
    /// create a customer organization on the spot and accept.
    pub customer_link: String,
    /// Contoso's live API token ("Nightly CRM sync"), to try `/api/v1` with.
    pub api_token: String,
}

pub struct SignIn {
    pub organization: &'static str,
    pub email: &'static str,
    pub roles: &'static str,
    /// The interface language the user chose, named in itself (`None`: the browser's).
    pub language: Option<&'static str>,
}

struct DemoOrg {
    kind: &'static str,
    name: &'static str,
    country: &'static str,
    mpn_id: Option<&'static str>,
    /// Customers: the prefix of the primary domain.
    domain: Option<&'static str>,
    /// The interface language its users chose (`None`: the browser's).
    language: Option<&'static str>,
    users: &'static [(&'static str, &'static str, &'static [Role])],
}

const ORGS: &[DemoOrg] = &[
    DemoOrg {
        kind: "provider",
        name: "Contoso Distribution Kft.",
        country: "HU",
        mpn_id: Some("4100001"),
        domain: None,
        language: None,
        users: &[
            (
                "Anna Kovács",
                "anna@contoso-distribution.example",
                &[Role::GlobalAdmin],
            ),
            (
                "Bence Nagy",
                "bence@contoso-distribution.example",
                &[Role::UserManagementAdmin],
            ),
            (
                "Csilla Tóth",
                "csilla@contoso-distribution.example",
                &[Role::AdminAgent],
            ),
            (
                "Dávid Szabó",
                "david@contoso-distribution.example",
                &[Role::SalesAgent],
            ),
        ],
    },
    DemoOrg {
        kind: "reseller",
        name: "Fabrikam Solutions GmbH",
        country: "DE",
        mpn_id: Some("4200002"),
        domain: None,
        language: None,
        users: &[
            (
                "Lena Fischer",
                "lena@fabrikam-solutions.example",
                &[Role::GlobalAdmin],
            ),
            (
                "Jonas Weber",
                "jonas@fabrikam-solutions.example",
                &[Role::AdminAgent, Role::SalesAgent],
            ),
        ],
    },
    DemoOrg {
        kind: "reseller",
        name: "Northwind Bilişim Kft.",
        country: "HU",
        mpn_id: Some("4200003"),
        domain: None,
        language: None,
        users: &[
            (
                "Zsófia Varga",
                "zsofia@northwind.example",
                &[Role::GlobalAdmin],
            ),
            (
                "Máté Horváth",
                "mate@northwind.example",
                &[Role::SalesAgent],
            ),
        ],
    },
    DemoOrg {
        kind: "operator",
        name: "Tierlink operator",
        country: "US",
        mpn_id: None,
        domain: None,
        language: None,
        users: &[(
            "Olivia Operator",
            "operator@tierlink.example",
            &[Role::GlobalAdmin],
        )],
    },
    // Customers (indexes 4..): see `link_customers`.
    DemoOrg {
        kind: "customer",
        name: "Adatum Kft.",
        country: "HU",
        mpn_id: None,
        domain: Some("adatum"),
        language: None,
        users: &[
            ("Eszter Kiss", "eszter@adatum.example", &[Role::GlobalAdmin]),
            ("Gábor Molnár", "gabor@adatum.example", &[]),
        ],
    },
    DemoOrg {
        kind: "customer",
        name: "Wingtip Toys Kft.",
        country: "HU",
        mpn_id: None,
        domain: Some("wingtiptoys"),
        language: None,
        users: &[(
            "Réka Balogh",
            "reka@wingtiptoys.example",
            &[Role::GlobalAdmin],
        )],
    },
    DemoOrg {
        kind: "customer",
        name: "Litware GmbH",
        country: "AT",
        mpn_id: None,
        domain: Some("litware"),
        language: None,
        users: &[("Paul Gruber", "paul@litware.example", &[Role::GlobalAdmin])],
    },
    DemoOrg {
        kind: "customer",
        name: "Tailspin Kft.",
        country: "HU",
        mpn_id: None,
        domain: Some("tailspin"),
        language: None,
        users: &[("Nóra Farkas", "nora@tailspin.example", &[Role::GlobalAdmin])],
    },
    // One organization for each language of the interface beyond English (issue 17): their users
    // have chosen it, so signing in shows the portal in Turkish, Hungarian or Russian.
    DemoOrg {
        kind: "provider",
        name: "İSTANBUL TEKNOLOJİ A.Ş.",
        country: "TR",
        mpn_id: Some("4100005"),
        domain: None,
        language: Some("tr"),
        users: &[(
            "Ayşe Yılmaz",
            "ayse@istanbul-teknoloji.example",
            &[Role::GlobalAdmin],
        )],
    },
    DemoOrg {
        kind: "reseller",
        name: "Győri Szoftverház Kft.",
        country: "HU",
        mpn_id: Some("4200006"),
        domain: None,
        language: Some("hu"),
        // Hungarian names are written family name first.
        users: &[(
            "Kőváry Ödön",
            "odon@gyori-szoftverhaz.example",
            &[Role::GlobalAdmin],
        )],
    },
    DemoOrg {
        kind: "reseller",
        name: "ТОО «Северное Облако»",
        country: "KZ",
        mpn_id: Some("4200007"),
        domain: None,
        language: Some("ru"),
        users: &[(
            "Иван Петров",
            "ivan@severnoe-oblako.example",
            &[Role::GlobalAdmin],
        )],
    },
];

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] password::HashError),
    #[error("the OS random source failed: {0}")]
    Random(String),
    #[error("storing the demo's notifications failed (the log says why)")]
    Notices,
}

/// Fills the database, or returns `None` when it already holds organizations.
pub async fn fill(services: &Services) -> Result<Option<Filled>, DemoError> {
    if db::orgs::count(services.pool()).await? > 0 {
        return Ok(None);
    }
    let hash = password::hash(PASSWORD.to_owned()).await?;
    let now = services.now_ms();
    let mut tx = db::begin_write(services.pool()).await?;
    let mut sign_ins = Vec::new();
    let mut org_ids = Vec::new();
    let mut user_ids = Vec::new();
    for org in ORGS {
        let org_id = OrgId(new_uuid());
        org_ids.push(org_id);
        db::orgs::insert(
            &mut tx,
            &db::orgs::NewOrg {
                id: org_id,
                kind: org.kind,
                legal_name: org.name,
                country: org.country,
                cloud: "public",
                mpn_id: org.mpn_id,
                at: now,
            },
        )
        .await?;
        if let Some(prefix) = org.domain {
            let domain = format!("{prefix}.{}", services.config().tenant_suffix);
            db::customers::set_domain(&mut tx, org_id, &domain).await?;
        }
        let by = By {
            user_id: None,
            name: "Tierlink",
        };
        audit::record(
            &mut tx,
            org_id,
            &by,
            Activity::OrganizationEnrolled,
            org.name,
            now,
        )
        .await?;
        if org.kind == "provider" {
            db::directory::create(&mut tx, org_id, org.country, now).await?;
        }
        if org.kind == "provider" && org.language.is_none() {
            let profile = db::directory::Update {
                countries_served: "HU AT SK DE",
                website: "https://contoso-distribution.example",
                contact_email: "partners@contoso-distribution.example",
                description: "Cloud distribution for Central Europe: onboarding, billing support and training for resellers.",
                hidden: false,
                verified: true,
                at: now,
            };
            db::directory::update(&mut tx, org_id, &profile).await?;
        }
        for (name, email, roles) in org.users {
            let user_id = UserId(new_uuid());
            user_ids.push(user_id);
            let role_names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            db::users::insert(
                &mut tx,
                &db::users::NewUser {
                    id: user_id,
                    organization_id: org_id,
                    name,
                    email,
                    password_hash: &hash,
                    must_change_password: false,
                    time_zone: match org.country {
                        "TR" => "Europe/Istanbul",
                        "KZ" => "Asia/Almaty",
                        _ => "Europe/Budapest",
                    },
                    at: now,
                },
                &role_names,
            )
            .await?;
            if let Some(language) = org.language {
                db::users::set_language(&mut tx, user_id, language).await?;
            }
            audit::record(&mut tx, org_id, &by, Activity::UserAdded, email, now).await?;
            sign_ins.push(SignIn {
                organization: org.name,
                email,
                language: org
                    .language
                    .and_then(app::model::Locale::from_tag)
                    .map(app::model::Locale::native_name),
                roles: match roles {
                    [Role::GlobalAdmin] => "Global admin",
                    [Role::UserManagementAdmin] => "User management admin",
                    [Role::AdminAgent] => "Admin agent",
                    [Role::SalesAgent] => "Sales agent",
                    [] => "no role (ordinary user)",
                    _ => "Admin agent, Sales agent",
                },
            });
        }
    }
    // Contoso (provider) is partnered with Fabrikam, and has asked Northwind.
    let (contoso, fabrikam) = (org_ids[0], org_ids[1]);
    db::partnerships::insert(&mut tx, &new_id(), contoso, fabrikam, now, None).await?;
    let by = By {
        user_id: None,
        name: "Tierlink",
    };
    audit::record(
        &mut tx,
        contoso,
        &by,
        Activity::PartnershipAccepted,
        ORGS[1].name,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        fabrikam,
        &by,
        Activity::PartnershipAccepted,
        ORGS[0].name,
        now,
    )
    .await?;
    let pending_token = partnership_request(
        services,
        &mut tx,
        contoso,
        &by,
        "zsofia@northwind.example",
        now,
    )
    .await?;
    // A second request that nobody answered, two days from expiring: Home points at it.
    let ttl = i64::try_from(services.config().invitation_ttl.as_millis()).unwrap_or(i64::MAX);
    let asked_at = now
        .saturating_add(2 * 86_400_000)
        .saturating_sub(ttl)
        .min(now);
    partnership_request(
        services,
        &mut tx,
        contoso,
        &by,
        "info@proseware.example",
        asked_at,
    )
    .await?;
    let customer_token = link_customers(services, &mut tx, &org_ids, now).await?;
    let fourth = sales(services, &mut tx, &org_ids, &hash, now).await?;
    super::demo_notices::fill(&mut tx, &org_ids, fourth, now).await?;
    // Anna, Contoso's first user, made Contoso's tokens.
    let api_token = super::demo_api::fill(&mut tx, contoso, user_ids[0], now).await?;
    super::demo_webhooks::fill(&mut tx, contoso, user_ids[0], now).await?;
    tx.commit().await?;
    Ok(Some(Filled {
        sign_ins,
        pending_link: crate::services::links::link(services, &pending_token),
        customer_link: crate::services::links::link(services, &customer_token),
        api_token,
    }))
}

/// Stores a partnership request from `from` to `to`, sent at `at` by Anna, with its audit entry;
/// its token.
async fn partnership_request(
    services: &Services,
    tx: &mut db::Tx,
    from: OrgId,
    by: &By<'_>,
    to: &str,
    at: i64,
) -> Result<String, DemoError> {
    let token::NewToken { token, hash } =
        token::new_token().map_err(|e| DemoError::Random(e.to_string()))?;
    let ttl = i64::try_from(services.config().invitation_ttl.as_millis()).unwrap_or(i64::MAX);
    db::invitations::insert(
        tx,
        &db::invitations::NewInvitation {
            id: &new_id(),
            kind: "partnership",
            from_org_id: from,
            second_org_id: None,
            recipient_email: Some(to),
            ask_delegated_admin: false,
            token_hash: &hash,
            created_by: None,
            created_by_name: "Anna Kovács",
            created_at: at,
            expires_at: at.saturating_add(ttl),
        },
    )
    .await?;
    audit::record(tx, from, by, Activity::PartnershipRequested, to, at).await?;
    Ok(token)
}

/// A customer request as the demo stores it.
struct DemoRequest<'a> {
    kind: &'a str,
    from: OrgId,
    second: Option<OrgId>,
    to: Option<&'a str>,
    state: &'a str,
    by: &'a str,
}

/// Stores a request (closed ones with who decided); its token.
async fn demo_request(
    services: &Services,
    tx: &mut db::Tx,
    r: &DemoRequest<'_>,
    now: i64,
) -> Result<(String, String), DemoError> {
    let token::NewToken { token, hash } =
        token::new_token().map_err(|e| DemoError::Random(e.to_string()))?;
    let ttl = i64::try_from(services.config().invitation_ttl.as_millis()).unwrap_or(i64::MAX);
    let id = new_id();
    db::invitations::insert(
        tx,
        &db::invitations::NewInvitation {
            id: &id,
            kind: r.kind,
            from_org_id: r.from,
            second_org_id: r.second,
            recipient_email: r.to,
            ask_delegated_admin: true,
            token_hash: &hash,
            created_by: None,
            created_by_name: r.by,
            created_at: now,
            expires_at: now.saturating_add(ttl),
        },
    )
    .await?;
    if r.state != "pending" {
        on!(&mut *tx, |ex| sqlx::query(
            "UPDATE invitations SET state = $1, decided_at = $2, decided_by_name = $3 WHERE id = $4"
        )
        .bind(r.state)
        .bind(now)
        .bind(r.to.unwrap_or_default())
        .bind(&id)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok((id, token))
}

/// Customers in each state: Adatum took Fabrikam and Contoso through a joint invite and granted
/// Fabrikam delegated admin; Wingtip has Contoso without a grant; Litware's relationship with
/// Fabrikam was removed but its grant stays; Tailspin has a pending request from Northwind and
/// declined one from Fabrikam. Returns the token of an open request for a customer not yet here.
async fn link_customers(
    services: &Services,
    tx: &mut db::Tx,
    org_ids: &[OrgId],
    now: i64,
) -> Result<String, DemoError> {
    let (contoso, fabrikam, northwind) = (org_ids[0], org_ids[1], org_ids[2]);
    let (adatum, wingtip, litware, tailspin) = (org_ids[4], org_ids[5], org_ids[6], org_ids[7]);
    let by = By {
        user_id: None,
        name: "Tierlink",
    };
    let day = 86_400_000;
    let joint = DemoRequest {
        kind: "joint_invite",
        from: fabrikam,
        second: Some(contoso),
        to: Some("eszter@adatum.example"),
        state: "accepted",
        by: "Lena Fischer",
    };
    let (joint_id, _) = demo_request(services, tx, &joint, now - 30 * day).await?;
    for (partner, customer, since, ended, grant) in [
        (fabrikam, adatum, now - 30 * day, None, true),
        (contoso, adatum, now - 30 * day, None, false),
        (contoso, wingtip, now - 12 * day, None, false),
        (fabrikam, litware, now - 90 * day, Some(now - 2 * day), true),
    ] {
        let invitation = (customer == adatum).then_some(joint_id.as_str());
        db::customers::insert_relationship(tx, &new_id(), partner, customer, since, invitation)
            .await?;
        if let Some(at) = ended {
            db::customers::end_relationship(tx, partner, customer, at).await?;
        }
        if grant {
            db::customers::insert_grant(tx, &new_id(), customer, partner, since, invitation)
                .await?;
        }
        let partner_name = org_name(tx, partner).await?;
        let customer_name = org_name(tx, customer).await?;
        audit::record(
            tx,
            partner,
            &by,
            Activity::RelationshipAccepted,
            &customer_name,
            since,
        )
        .await?;
        audit::record(
            tx,
            customer,
            &by,
            Activity::RelationshipAccepted,
            &partner_name,
            since,
        )
        .await?;
        if let Some(at) = ended {
            audit::record(
                tx,
                partner,
                &by,
                Activity::RelationshipRemoved,
                &customer_name,
                at,
            )
            .await?;
            audit::record(
                tx,
                customer,
                &by,
                Activity::RelationshipRemoved,
                &partner_name,
                at,
            )
            .await?;
        }
    }
    let pending = DemoRequest {
        kind: "reseller_relationship",
        from: northwind,
        second: None,
        to: Some("nora@tailspin.example"),
        state: "pending",
        by: "Máté Horváth",
    };
    let (pending_id, _) = demo_request(services, tx, &pending, now - day).await?;
    // Nora opened its link, so it waits on Tailspin's Partners page.
    db::invitations::mark_opened(tx, &pending_id, tailspin).await?;
    let declined = DemoRequest {
        from: fabrikam,
        state: "declined",
        by: "Jonas Weber",
        ..pending
    };
    demo_request(services, tx, &declined, now - 5 * day).await?;
    audit::record(
        tx,
        tailspin,
        &by,
        Activity::RelationshipDeclined,
        "Fabrikam Solutions GmbH",
        now - 5 * day,
    )
    .await?;
    let open = DemoRequest {
        kind: "reseller_relationship",
        from: fabrikam,
        second: None,
        to: None,
        state: "pending",
        by: "Lena Fischer",
    };
    let (_, token) = demo_request(services, tx, &open, now).await?;
    Ok(token)
}

async fn org_name(tx: &mut db::Tx, id: OrgId) -> Result<String, DemoError> {
    Ok(db::orgs::by_id(&mut *tx, id)
        .await?
        .map(|o| o.legal_name)
        .unwrap_or_default())
}

/// The operator's catalog: name, description, billing term, fewest and most licenses.
const OFFERS: &[(&str, &str, &str, i64, i64)] = &[
    (
        "Microsoft 365 Business Basic",
        "Web and mobile Office apps, Teams, 1 TB of cloud storage and business email.",
        "monthly",
        1,
        300,
    ),
    (
        "Microsoft 365 Business Standard",
        "Everything in Business Basic plus desktop Office apps and webinars.",
        "annual",
        1,
        300,
    ),
    (
        "Microsoft 365 Business Premium",
        "Everything in Business Standard plus advanced security and device management.",
        "annual",
        1,
        300,
    ),
    (
        "Office 365 E3",
        "Office apps, email, file storage and compliance tools for larger organizations.",
        "annual",
        1,
        100_000,
    ),
    (
        "Microsoft 365 E5",
        "The full suite with advanced security, compliance and analytics.",
        "annual",
        5,
        100_000,
    ),
    (
        "Exchange Online (Plan 1)",
        "Business email with a 50 GB mailbox per user.",
        "monthly",
        1,
        100_000,
    ),
    (
        "Microsoft Teams Essentials",
        "Online meetings, chat and file sharing for small businesses.",
        "monthly",
        1,
        300,
    ),
    (
        "Microsoft 365 Apps for business",
        "Desktop Office apps with 1 TB of cloud storage, without business email.",
        "monthly",
        1,
        300,
    ),
];

/// The catalog, subscriptions with their reseller and support contact, assigned licenses, and a
/// customer that Contoso added for Fabrikam with the New customer wizard.
async fn sales(
    services: &Services,
    tx: &mut db::Tx,
    org_ids: &[OrgId],
    hash: &str,
    now: i64,
) -> Result<OrgId, DemoError> {
    let (contoso, fabrikam) = (org_ids[0], org_ids[1]);
    let (adatum, wingtip) = (org_ids[4], org_ids[5]);
    let operator = org_ids[3];
    let by = By {
        user_id: None,
        name: "Tierlink",
    };
    let day = 86_400_000;
    let mut offers = Vec::new();
    for (name, description, term, min, max) in OFFERS {
        let id = new_id();
        db::offers::insert(
            tx,
            &id,
            &db::offers::OfferValues {
                name,
                description,
                billing_term: term,
                min_licenses: *min,
                max_licenses: *max,
                available: true,
            },
            now - 60 * day,
        )
        .await?;
        audit::record(
            tx,
            operator,
            &by,
            Activity::OfferAdded,
            name,
            now - 60 * day,
        )
        .await?;
        offers.push(id);
    }
    // Fourth Coffee: added by Contoso for Fabrikam (W10).
    let fourth = OrgId(new_uuid());
    let domain = format!("fourthcoffee.{}", services.config().tenant_suffix);
    db::orgs::insert(
        tx,
        &db::orgs::NewOrg {
            id: fourth,
            kind: "customer",
            legal_name: "Fourth Coffee Kft.",
            country: "HU",
            cloud: "public",
            mpn_id: None,
            at: now - 7 * day,
        },
    )
    .await?;
    db::customers::set_domain(tx, fourth, &domain).await?;
    db::orders::insert_profile(
        tx,
        &db::orders::Profile {
            customer_id: fourth,
            address: "Váci út 12.",
            city: "Budapest",
            postal_code: "1132",
            contact_first_name: "Bálint",
            contact_last_name: "Papp",
            contact_email: "balint@fourthcoffee.example",
            contact_phone: "+36 1 234 5678",
        },
    )
    .await?;
    let admin = UserId(new_uuid());
    db::users::insert(
        tx,
        &db::users::NewUser {
            id: admin,
            organization_id: fourth,
            name: "Bálint Papp",
            email: &format!("admin@{domain}"),
            password_hash: hash,
            must_change_password: false,
            time_zone: "Europe/Budapest",
            at: now - 7 * day,
        },
        &[Role::GlobalAdmin.as_str()],
    )
    .await?;
    audit::record(
        tx,
        contoso,
        &by,
        Activity::CustomerCreated,
        "Fourth Coffee Kft.",
        now - 7 * day,
    )
    .await?;
    audit::record(
        tx,
        fourth,
        &by,
        Activity::CustomerCreated,
        ORGS[0].name,
        now - 7 * day,
    )
    .await?;
    for partner in [contoso, fabrikam] {
        db::customers::insert_relationship(tx, &new_id(), partner, fourth, now - 7 * day, None)
            .await?;
        audit::record(
            tx,
            partner,
            &by,
            Activity::RelationshipCreated,
            "Fourth Coffee Kft.",
            now - 7 * day,
        )
        .await?;
    }
    db::customers::insert_grant(tx, &new_id(), fourth, fabrikam, now - 7 * day, None).await?;
    audit::record(
        tx,
        fabrikam,
        &by,
        Activity::DelegatedAdminGranted,
        "Fourth Coffee Kft.",
        now - 7 * day,
    )
    .await?;
    // Orders: (customer, reseller, [(offer index, licenses)], days ago).
    type DemoOrder<'a> = (OrgId, Option<OrgId>, &'a [(usize, i64)], i64);
    let orders: [DemoOrder; 3] = [
        (adatum, Some(fabrikam), &[(1, 25), (5, 10)], 28),
        (wingtip, None, &[(0, 5)], 10),
        (fourth, Some(fabrikam), &[(2, 40), (6, 15)], 7),
    ];
    let mut subscriptions = Vec::new();
    for (customer, reseller, lines, ago) in orders {
        let order_id = new_id();
        let at = now - ago * day;
        let order = db::orders::NewOrder {
            id: &order_id,
            customer_id: customer,
            provider_id: contoso,
            reseller_id: reseller,
            request_key: &order_id,
            user_id: None,
            user_name: "Anna Kovács",
            at,
        };
        db::orders::insert_order(tx, &order).await?;
        for (offer, licenses) in lines {
            let id = new_id();
            db::orders::insert_subscription(
                tx,
                &order,
                &db::orders::NewSubscription {
                    id: &id,
                    offer_id: &offers[*offer],
                    licenses: *licenses,
                    support_contact_id: reseller.unwrap_or(contoso),
                },
            )
            .await?;
            let subject = format!("{licenses} × {}", OFFERS[*offer].0);
            audit::record(tx, contoso, &by, Activity::SubscriptionAdded, &subject, at).await?;
            audit::record(tx, customer, &by, Activity::SubscriptionAdded, &subject, at).await?;
            subscriptions.push((customer, id));
        }
    }
    // Adatum's two users hold Business Standard licenses; Fourth Coffee's admin holds Premium.
    for org in [adatum, fourth] {
        let sub = subscriptions
            .iter()
            .find(|(c, _)| *c == org)
            .map(|(_, s)| s);
        for (user, ..) in db::orders::users_of(&mut *tx, org).await? {
            if let Some(sub) = sub {
                db::orders::assign(tx, sub, user, "Lena Fischer", now - 6 * day).await?;
            }
        }
    }
    Ok(fourth)
}
