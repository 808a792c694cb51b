//! Demo data: fills an empty database with an indirect provider, two indirect resellers, users
//! with each role and an operator; a partnership, a directory profile and a pending partnership
//! request; and returns the sign-ins and links to print. Each feature extends it.

use crate::{
    auth::{password, token},
    db,
    services::{
        Services,
        audit::{self, By},
        new_id,
    },
};
use app::model::Role;

/// The one password of every demo account (demo data is for exploring, never for production).
pub const PASSWORD: &str = "tierlink-demo";

/// What the demo made, to print.
pub struct Filled {
    pub sign_ins: Vec<SignIn>,
    /// A pending partnership request link (Contoso → Northwind), to try the acceptance page.
    pub pending_link: String,
}

pub struct SignIn {
    pub organization: &'static str,
    pub email: &'static str,
    pub roles: &'static str,
}

struct DemoOrg {
    kind: &'static str,
    name: &'static str,
    country: &'static str,
    mpn_id: Option<&'static str>,
    users: &'static [(&'static str, &'static str, &'static [Role])],
}

const ORGS: &[DemoOrg] = &[
    DemoOrg {
        kind: "provider",
        name: "Contoso Distribution Kft.",
        country: "HU",
        mpn_id: Some("4100001"),
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
        users: &[(
            "Olivia Operator",
            "operator@tierlink.example",
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
    for org in ORGS {
        let org_id = new_id();
        org_ids.push(org_id.clone());
        db::orgs::insert(
            &mut tx,
            &db::orgs::NewOrg {
                id: &org_id,
                kind: org.kind,
                legal_name: org.name,
                country: org.country,
                cloud: "public",
                mpn_id: org.mpn_id,
                at: now,
            },
        )
        .await?;
        let by = By {
            user_id: None,
            name: "Demo data",
        };
        audit::record(
            &mut tx,
            &org_id,
            &by,
            "organization.enrolled",
            org.name,
            now,
        )
        .await?;
        if org.kind == "provider" {
            db::directory::create(&mut tx, &org_id, org.country, now).await?;
            let profile = db::directory::Update {
                countries_served: "HU AT SK DE",
                website: "https://contoso-distribution.example",
                contact_email: "partners@contoso-distribution.example",
                description: "Cloud distribution for Central Europe: onboarding, billing support and training for resellers.",
                hidden: false,
                at: now,
            };
            db::directory::update(&mut tx, &org_id, &profile).await?;
        }
        for (name, email, roles) in org.users {
            let user_id = new_id();
            let role_names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            db::users::insert(
                &mut tx,
                &db::users::NewUser {
                    id: &user_id,
                    organization_id: &org_id,
                    name,
                    email,
                    password_hash: &hash,
                    must_change_password: false,
                    time_zone: "Europe/Budapest",
                    at: now,
                },
                &role_names,
            )
            .await?;
            audit::record(&mut tx, &org_id, &by, "user.added", email, now).await?;
            sign_ins.push(SignIn {
                organization: org.name,
                email,
                roles: match roles {
                    [Role::GlobalAdmin] => "Global admin",
                    [Role::UserManagementAdmin] => "User management admin",
                    [Role::AdminAgent] => "Admin agent",
                    [Role::SalesAgent] => "Sales agent",
                    _ => "Admin agent, Sales agent",
                },
            });
        }
    }
    // Contoso (provider) is partnered with Fabrikam, and has asked Northwind.
    let (contoso, fabrikam) = (&org_ids[0], &org_ids[1]);
    db::partnerships::insert(&mut tx, &new_id(), contoso, fabrikam, now, None).await?;
    let by = By {
        user_id: None,
        name: "Demo data",
    };
    audit::record(
        &mut tx,
        contoso,
        &by,
        "partnership.accepted",
        ORGS[1].name,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        fabrikam,
        &by,
        "partnership.accepted",
        ORGS[0].name,
        now,
    )
    .await?;
    let (pending_token, pending_hash) =
        token::new_token().map_err(|e| DemoError::Random(e.to_string()))?;
    let ttl = i64::try_from(services.config().invitation_ttl.as_millis()).unwrap_or(i64::MAX);
    db::invitations::insert(
        &mut tx,
        &db::invitations::NewInvitation {
            id: &new_id(),
            kind: "partnership",
            from_org_id: contoso,
            second_org_id: None,
            recipient_email: Some("zsofia@northwind.example"),
            ask_delegated_admin: false,
            token_hash: &pending_hash,
            created_by: None,
            created_by_name: "Anna Kovács",
            created_at: now,
            expires_at: now.saturating_add(ttl),
        },
    )
    .await?;
    audit::record(
        &mut tx,
        contoso,
        &by,
        "partnership.requested",
        "zsofia@northwind.example",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Filled {
        sign_ins,
        pending_link: crate::services::invitations::link(services, &pending_token),
    }))
}
