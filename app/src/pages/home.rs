//! The signed-in home page: what needs the reader's attention, a new organization's next steps,
//! then the organization at a glance.

use crate::{
    api::{directory::my_provider_profile, home::load_home},
    components::{Notice, use_me},
    i18n::{Fill, Plural, country_name, use_locale, use_t},
    model::{
        Action, HomeAttention, NextStep,
        home::{ATTENTION_CAP, capped},
        notification::UNREAD_CAP,
    },
    pages::directory::ProfileCard,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The attention card awaits the page's resource before the shell's `use_me`: a sign-out that
/// disposes the page while `use_me` reloads then touches nothing of the page (the other order
/// panicked in the browser). "Ask for delegated admin permissions" shows for those who may make
/// the request that asks for them.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_t();
    let profile = Resource::new(|| (), |_| my_provider_profile());
    let attention = Resource::new(|| (), |_| load_home());
    // Where declining a request leads (`routes::after_answer`).
    let query = use_query_map();
    let declined = move || query.with(|q| q.get("declined").is_some());
    view! {
        <Title text=t.menu_home />
        <Suspense>
            {move || Suspend::new(async move {
                use_me()
                    .await
                    .map(|actor| {
                        view! {
                            <h1>{t.welcome.fill("{name}", &actor.user_name)}</h1>
                            <p class="lead">{t.home_lead}</p>
                            {declined()
                                .then(|| view! { <Notice>{t.request_declined_notice}</Notice> })}
                        }
                    })
            })}
        </Suspense>
        <Suspense>
            {move || Suspend::new(async move {
                let home = attention.await.ok();
                let actor = use_me().await;
                home.zip(actor)
                    .map(|(home, actor)| {
                        let unread = actor.unread;
                        let may_ask = actor.may(Action::RequestRelationship);
                        let steps = home.steps.clone();
                        view! {
                            <Attention home unread may_ask />
                            <NextSteps steps />
                        }
                    })
            })}
        </Suspense>
        <Suspense>
            {move || Suspend::new(async move {
                use_me()
                    .await
                    .map(|actor| {
                        let roles = if actor.roles.is_empty() {
                            t.no_roles.to_owned()
                        } else {
                            actor.roles.iter().map(|r| t.role(*r)).collect::<Vec<_>>().join(", ")
                        };
                        view! {
                            <section class="card" aria-labelledby="org-heading">
                                <h2 id="org-heading">{t.organization}</h2>
                                <dl class="facts">
                                    <dt>{t.legal_name}</dt>
                                    <dd>{actor.org_name.clone()}</dd>
                                    <dt>{t.kind}</dt>
                                    <dd>{t.kind(actor.org_kind)}</dd>
                                    {actor
                                        .org_mpn_id
                                        .clone()
                                        .map(|mpn| {
                                            view! {
                                                <dt>{t.mpn_id}</dt>
                                                <dd>{mpn}</dd>
                                            }
                                        })}
                                    {actor
                                        .org_domain
                                        .clone()
                                        .map(|d| {
                                            view! {
                                                <dt>{t.primary_domain}</dt>
                                                <dd>{d}</dd>
                                            }
                                        })}
                                    <dt>{t.country}</dt>
                                    <dd>
                                        {country_name(&actor.org_country).unwrap_or_default()} " ("
                                        {actor.org_country.clone()} ")"
                                    </dd>
                                    <dt>{t.cloud}</dt>
                                    <dd>{t.cloud(actor.org_cloud)}</dd>
                                    <dt>{t.your_roles}</dt>
                                    <dd>{roles}</dd>
                                </dl>
                                <p class="hint">{t.region_note}</p>
                            </section>
                        }
                    })
            })}
        </Suspense>
        <Suspense>
            {move || Suspend::new(async move {
                profile
                    .await
                    .ok()
                    .flatten()
                    .map(|p| {
                        view! {
                            <section aria-labelledby="profile-heading">
                                <h2 id="profile-heading">{t.your_profile}</h2>
                                <p class="hint">{t.profile_note}</p>
                                <ProfileCard profile=p />
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}

/// A count in a sentence: the language's digits, "99+" from `cap` (Home's own, or the bell's
/// for notifications), the plural form it takes.
fn counted(phrase: &Plural, n: u32, cap: u32) -> String {
    let locale = use_locale();
    let shown = if n >= cap {
        format!("{}+", cap - 1)
    } else {
        locale.number(n.into())
    };
    phrase.pick(locale, n.into()).replace("{n}", &shown)
}

/// What needs the reader now, each with the link that deals with it; a calm sentence when
/// nothing does.
#[component]
fn Attention(home: HomeAttention, unread: u32, may_ask: bool) -> impl IntoView {
    let t = use_t();
    let h = &t.home;
    let calm = (!home.needs_attention(unread)).then(|| view! { <p>{h.calm}</p> });
    let waiting = (home.waiting > 0).then(|| {
        let expiring = (home.expiring > 0).then(|| {
            view! {
                " "
                <strong>{counted(&h.expiring, home.expiring, ATTENTION_CAP)}</strong>
            }
        });
        view! {
            <li>
                <p>{counted(&h.waiting, home.waiting, ATTENTION_CAP)} {expiring}</p>
                <a class="button" href="/invitations?state=pending">
                    {h.see_waiting}
                </a>
            </li>
        }
    });
    let without_grant = (home.without_grant > 0).then(|| {
        let shown = home.without_grant_named.len() as u32;
        let more = (home.without_grant > shown).then(|| {
            let rest = home.without_grant - shown;
            // At the cap the count is "99+": the rest is "96+" beside three names.
            let text = capped(home.without_grant).map_or_else(
                || {
                    h.and_more
                        .replace("{n}", &format!("{}+", ATTENTION_CAP - 1 - shown))
                },
                |_| h.and_more.replace("{n}", &use_locale().number(rest.into())),
            );
            view! { <p class="more">{text}</p> }
        });
        let names = home
            .without_grant_named
            .iter()
            .map(|c| {
                view! {
                    <li>
                        <a href=format!("/customers/{}/account", c.id)>{c.name.clone()}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <li>
                <div class="attention-text">
                    <p>{counted(&h.without_grant, home.without_grant, ATTENTION_CAP)}</p>
                    <ul class="named">{names}</ul>
                    {more}
                </div>
                {may_ask
                    .then(|| {
                        view! {
                            <a class="button" href="/customers/new-relationship">
                                {h.ask_grant}
                            </a>
                        }
                    })}
            </li>
        }
    });
    let to_answer = (home.to_answer > 0).then(|| {
        view! {
            <li>
                <p>{counted(&h.to_answer, home.to_answer, ATTENTION_CAP)}</p>
                <a class="button button-primary" href="/partners">
                    {h.see_to_answer}
                </a>
            </li>
        }
    });
    let unread_item = (unread > 0).then(|| {
        view! {
            <li>
                <p>{counted(&h.unread, unread, UNREAD_CAP)}</p>
                <a class="button" href="/notifications">
                    {t.notices.title}
                </a>
            </li>
        }
    });
    view! {
        <section class="card attention" aria-labelledby="attention-heading">
            <h2 id="attention-heading">{h.attention_title}</h2>
            {calm}
            {home
                .needs_attention(unread)
                .then(|| {
                    view! {
                        <ul class="attention-list">
                            {to_answer} {waiting} {without_grant} {unread_item}
                        </ul>
                    }
                })}
        </section>
    }
}

/// A new organization's first steps, each with the button that takes it.
#[component]
fn NextSteps(steps: Vec<NextStep>) -> impl IntoView {
    let t = use_t();
    let h = &t.home;
    (!steps.is_empty()).then(|| {
        let items = steps
            .into_iter()
            .map(|step| {
                let (text, actions): (&str, Vec<(&str, &str, bool)>) = match step {
                    NextStep::RequestPartnership => (
                        h.step_partnership,
                        vec![("/indirect-resellers", t.request_partnership, true)],
                    ),
                    NextStep::FindProvider => (
                        h.step_provider,
                        vec![("/directory", h.open_directory, true)],
                    ),
                    NextStep::AddCustomer => (
                        h.step_customer,
                        vec![
                            ("/customers/new", t.sales.add_new_customer, true),
                            ("/customers/new-relationship", t.request_relationship, false),
                        ],
                    ),
                    NextStep::RequestRelationship => (
                        h.step_relationship,
                        vec![
                            ("/customers/new-relationship", t.request_relationship, true),
                            ("/indirect-providers", t.invite_new_customers, false),
                        ],
                    ),
                    NextStep::AddUsers => (h.step_users, vec![("/users", t.add_user, true)]),
                };
                let buttons = actions
                    .into_iter()
                    .map(|(href, label, primary)| {
                        let class = if primary {
                            "button button-primary"
                        } else {
                            "button"
                        };
                        view! {
                            <a class=class href=href>
                                {label}
                            </a>
                        }
                    })
                    .collect_view();
                view! {
                    <li>
                        <p>{text}</p>
                        <p class="button-row">{buttons}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card" aria-labelledby="steps-heading">
                <h2 id="steps-heading">{h.steps_title}</h2>
                <p class="hint">{h.steps_lead}</p>
                <ol class="steps">{items}</ol>
            </section>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_in_the_language_and_as_more_from_their_cap() {
        let p = Plural {
            one: "{n} one",
            few: "{n} few",
            many: "{n} many",
            other: "{n} other",
        };
        assert_eq!(counted(&p, 1, ATTENTION_CAP), "1 one");
        assert_eq!(counted(&p, 99, ATTENTION_CAP), "99 other");
        assert_eq!(counted(&p, 100, ATTENTION_CAP), "99+ other");
        assert_eq!(counted(&p, 9, UNREAD_CAP), "9 other");
        assert_eq!(counted(&p, 10, UNREAD_CAP), "9+ other", "the bell's cap");
        assert_eq!(counted(&p, 1234, 10_000), "1,234 other");
    }
}
