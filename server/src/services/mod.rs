//! Implementations of the app's ports: the rules live here, one place per rule.

pub mod accounts;
pub mod activity;
pub mod api_tokens;
pub mod audit;
pub mod clock;
pub mod customer_users;
pub mod customers;
pub mod directory;
pub mod fault;
pub mod home;
pub mod invitations;
pub mod jobs;
pub mod links;
pub mod my_partners;
pub mod notices;
pub mod offers;
pub mod orders;
pub mod orgs;
pub mod partnerships;
pub mod peers;
pub mod rate;
pub mod time_fmt;
pub mod unread;
pub mod users;
pub mod webhooks;

use crate::{
    auth::password,
    config::Config,
    db::{Pool, health},
};
use app::{api::Ports, model::OrgId};
use clock::Clock;
use std::sync::Arc;

/// Everything the services share; cheap to clone.
#[derive(Clone)]
pub struct Services(Arc<Inner>);

struct Inner {
    pool: Pool,
    config: Config,
    clock: Arc<dyn Clock>,
    /// Whether the database can take writes (`/healthz`).
    health: health::Probe,
    /// A real hash of nothing anyone knows: sign-in verifies against it when the email is unknown,
    /// so that an unknown email costs the same time as a wrong password.
    dummy_hash: String,
    /// Organizations with a new notification or a changed read mark, for the bell's live count.
    announcer: tokio::sync::broadcast::Sender<OrgId>,
    /// The bell's counts, forgotten by each announcement.
    unread: unread::Cache,
    /// Turns true when the server begins to shut down: open event streams end.
    closing: tokio::sync::watch::Sender<bool>,
}

impl Services {
    pub async fn new(
        pool: Pool,
        config: Config,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, password::HashError> {
        let dummy_hash = password::hash(format!("{:?}", std::time::SystemTime::now())).await?;
        let health = health::Probe::new(&config.database_url, config.health_fresh);
        Ok(Self(Arc::new(Inner {
            pool,
            config,
            clock,
            health,
            dummy_hash,
            announcer: tokio::sync::broadcast::channel(1024).0,
            unread: unread::Cache::default(),
            closing: tokio::sync::watch::channel(false).0,
        })))
    }

    pub fn pool(&self) -> &Pool {
        &self.0.pool
    }

    pub fn config(&self) -> &Config {
        &self.0.config
    }

    /// Whether the database can take writes now (see [`health::Probe`]).
    pub async fn health(&self) -> Result<(), health::Problem> {
        self.0.health.check(&self.0.pool).await
    }

    pub fn now_ms(&self) -> i64 {
        self.0.clock.now_ms()
    }

    /// Tells open pages of these organizations that their notifications changed (after the
    /// commit that changed them; other instances hear it through `peers`). Nobody listening is
    /// fine.
    pub fn announce(&self, orgs: &[OrgId]) {
        for &org in orgs {
            self.0.unread.changed(org);
            let _ = self.0.announcer.send(org);
        }
    }

    /// Hears [`Services::announce`].
    pub fn announcements(&self) -> tokio::sync::broadcast::Receiver<OrgId> {
        self.0.announcer.subscribe()
    }

    /// The bell's remembered counts (see [`unread::Cache`]).
    pub(crate) fn unread_cache(&self) -> &unread::Cache {
        &self.0.unread
    }

    /// Ends open event streams: the server is shutting down.
    pub fn close(&self) {
        self.0.closing.send_replace(true);
    }

    /// Turns true when the server shuts down.
    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.0.closing.subscribe()
    }

    pub(crate) fn dummy_hash(&self) -> &str {
        &self.0.dummy_hash
    }

    /// The ports the server functions call.
    pub fn ports(&self) -> Ports {
        Ports {
            session: Arc::new(accounts::Accounts(self.clone())),
            users: Arc::new(users::Users(self.clone())),
            activity: Arc::new(activity::Activity(self.clone())),
            partnerships: Arc::new(partnerships::Partnerships(self.clone())),
            invitations: Arc::new(invitations::Invitations(self.clone())),
            directory: Arc::new(directory::Directory(self.clone())),
            home: Arc::new(home::Home(self.clone())),
            customers: Arc::new(customers::Customers(self.clone())),
            my_partners: Arc::new(my_partners::MyPartners(self.clone())),
            offers: Arc::new(offers::Offers(self.clone())),
            orders: Arc::new(orders::Orders(self.clone())),
            customer_users: Arc::new(customer_users::CustomerUsers(self.clone())),
            notifications: Arc::new(notices::Notifications(self.clone())),
            api_tokens: Arc::new(api_tokens::ApiTokens(self.clone())),
            webhooks: Arc::new(webhooks::Webhooks(self.clone())),
        }
    }
}

/// Refuses an action the actor may not do: its organization's kind refuses it as it always was
/// answered (`ProvidersOnly`, …), its roles with the roles that would allow it.
pub fn require(
    actor: &app::model::Actor,
    action: app::model::Action,
) -> Result<(), app::model::AppError> {
    actor.check(action).map_err(Into::into)
}

/// Fills `{name}` placeholders of a template (without doubling a full stop after a name that
/// ends with one: [`app::i18n::Fill`]).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    use app::i18n::Fill;
    values
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.fill(&format!("{{{key}}}"), value)
        })
}

/// A temporary password (shown once, changed at first sign-in) and its hash.
pub struct Temporary {
    pub shown: String,
    pub hash: String,
}

/// A new temporary password.
pub async fn temporary_password() -> Result<Temporary, app::model::AppError> {
    use fault::OrInternal;
    let shown = password::temporary().or_internal("making a temporary password")?;
    let hash = password::hash(shown.clone())
        .await
        .or_internal("hashing a password")?;
    Ok(Temporary { shown, hash })
}

/// A new opaque id (UUID v7: time-ordered, so keyset pages by id follow creation).
pub fn new_id() -> String {
    new_uuid().to_string()
}

/// A new id for a typed key: `OrgId(new_uuid())`.
pub fn new_uuid() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
