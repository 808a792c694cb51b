//! The bell's count, remembered per user between changes. The bell is on every signed-in page,
//! and its count changes only when a notification is written or a read mark moves — both
//! followed by [`super::Services::announce`], which bumps the organization's generation here.
//! A remembered count is used only while its organization's generation is the one it was
//! counted under (and the reader sees the same kinds), so a page never shows a count older than
//! the last announcement it could have heard.
//!
//! One process's memory: with several server instances each must hear the others'
//! announcements (as the live count must), or keep no count.

use app::model::{OrgId, UserId};
use std::{collections::HashMap, sync::Mutex};

/// Remembered counts beyond this many users are all forgotten at once (each is a few dozen
/// bytes; users who come back are counted again).
const MAX_USERS: usize = 100_000;

#[derive(Default)]
pub struct Cache(Mutex<Inner>);

#[derive(Default)]
struct Inner {
    /// Bumped by each announcement for the organization; absent is 0.
    generations: HashMap<OrgId, u64>,
    /// Bumped when every count is forgotten; added to each organization's generation, so the
    /// sum only grows and a ticket taken before is stale after.
    epoch: u64,
    counts: HashMap<UserId, Remembered>,
}

#[derive(Clone, Copy)]
struct Remembered {
    generation: u64,
    /// Which kinds the reader sees (a bit per kind), as roles may change between pages.
    kinds: u64,
    count: u32,
}

/// A ticket taken before counting: the count is remembered under the generation seen then, so
/// an announcement that comes while counting makes it stale at once.
#[derive(Clone, Copy)]
pub struct Ticket {
    user: UserId,
    kinds: u64,
    generation: u64,
}

impl Cache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain maps behind: still usable.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The remembered count, or a ticket to count and [`Cache::keep`] it.
    pub fn get(&self, org: OrgId, user: UserId, kinds: u64) -> Result<u32, Ticket> {
        let inner = self.lock();
        let generation = inner
            .epoch
            .wrapping_add(inner.generations.get(&org).copied().unwrap_or(0));
        match inner.counts.get(&user) {
            Some(r) if r.generation == generation && r.kinds == kinds => Ok(r.count),
            _ => Err(Ticket {
                user,
                kinds,
                generation,
            }),
        }
    }

    /// Remembers a count made after [`Cache::get`] gave the ticket.
    pub fn keep(&self, ticket: Ticket, count: u32) {
        let mut inner = self.lock();
        if inner.counts.len() >= MAX_USERS && !inner.counts.contains_key(&ticket.user) {
            inner.counts.clear();
        }
        inner.counts.insert(
            ticket.user,
            Remembered {
                generation: ticket.generation,
                kinds: ticket.kinds,
                count,
            },
        );
    }

    /// Forgets every remembered count (announcements may have been missed).
    pub fn forget_all(&self) {
        let mut inner = self.lock();
        inner.epoch = inner.epoch.wrapping_add(1);
        inner.counts.clear();
    }

    /// The organization's notifications or a read mark of its users changed: every count
    /// remembered for its users is stale.
    pub fn changed(&self, org: OrgId) {
        let mut inner = self.lock();
        let generation = inner.generations.entry(org).or_insert(0);
        *generation = generation.wrapping_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn ids() -> (OrgId, UserId) {
        (OrgId(Uuid::from_u128(1)), UserId(Uuid::from_u128(2)))
    }

    #[test]
    fn a_count_is_remembered_until_its_organization_changes() {
        let cache = Cache::default();
        let (org, user) = ids();
        let ticket = cache.get(org, user, 3).expect_err("nothing remembered yet");
        cache.keep(ticket, 4);
        assert_eq!(cache.get(org, user, 3).ok(), Some(4));
        cache.changed(OrgId(Uuid::from_u128(9)));
        assert_eq!(
            cache.get(org, user, 3).ok(),
            Some(4),
            "another organization"
        );
        cache.changed(org);
        assert!(cache.get(org, user, 3).is_err());
    }

    #[test]
    fn forgetting_all_drops_counts_and_counts_in_flight() {
        let cache = Cache::default();
        let (org, user) = ids();
        let ticket = cache.get(org, user, 3).expect_err("nothing remembered yet");
        cache.keep(ticket, 4);
        let (other_org, other_user) = (OrgId(Uuid::from_u128(9)), UserId(Uuid::from_u128(8)));
        let in_flight = cache
            .get(other_org, other_user, 3)
            .expect_err("nothing remembered yet");
        cache.forget_all();
        assert!(cache.get(org, user, 3).is_err(), "forgotten");
        cache.keep(in_flight, 7);
        assert!(
            cache.get(other_org, other_user, 3).is_err(),
            "counted before, not used after"
        );
    }

    #[test]
    fn a_count_made_while_an_announcement_came_is_not_used() {
        let cache = Cache::default();
        let (org, user) = ids();
        let ticket = cache.get(org, user, 3).expect_err("nothing remembered yet");
        cache.changed(org);
        cache.keep(ticket, 4);
        assert!(cache.get(org, user, 3).is_err());
    }

    #[test]
    fn other_kinds_are_counted_again() {
        let cache = Cache::default();
        let (org, user) = ids();
        let ticket = cache.get(org, user, 3).expect_err("nothing remembered yet");
        cache.keep(ticket, 4);
        assert!(cache.get(org, user, 1).is_err());
    }
}
