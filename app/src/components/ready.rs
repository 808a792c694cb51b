//! [`Ready`]: a view whose data has already arrived, built when it is written and, on the server,
//! written in one piece.
//!
//! Inside a `Suspense`, the server renders through tachys' asynchronous path, and it does so for
//! every element below it even when nothing there waits: each element builds its opening and its
//! closing tag in two fresh `String`s before copying them into the stream (measured on the
//! Customers page: ~500 allocations a request, ~10 per row). A `Ready` view renders its whole
//! subtree with the synchronous path straight into the stream's buffer instead. Like leptos'
//! `Unsuspend`, it also calls its closure only when the view is written, not each time `Suspense`
//! walks its children to find the resources they read.
//!
//! Use it only for views that read no resource and hold no `Suspense`, `Transition` or `Await`:
//! those would not be waited for. In debug builds and tests the server checks it: a view built
//! by `Ready` that reads a resource still loading panics with a message that says so (an empty
//! page part in production would be the only other sign). In the browser it is the closure's
//! view, unchanged.

use leptos::{
    prelude::*,
    tachys::{
        html::attribute::{Attribute, any_attribute::AnyAttribute},
        hydration::Cursor,
        ssr::StreamBuilder,
        view::{Position, PositionState, add_attr::AddAnyAttr},
    },
};

/// See the module's documentation.
pub struct Ready<T>(Box<dyn FnOnce() -> T + Send>);

impl<T> Ready<T> {
    /// Wraps the function that builds the view; it is called once, when the view is written.
    pub fn new(build: impl FnOnce() -> T + Send + 'static) -> Self {
        Self(Box::new(build))
    }
}

impl<T: Render> Render for Ready<T> {
    type State = T::State;

    fn build(self) -> Self::State {
        (self.0)().build()
    }

    fn rebuild(self, state: &mut Self::State) {
        (self.0)().rebuild(state);
    }
}

impl<T: AddAnyAttr + 'static> AddAnyAttr for Ready<T> {
    type Output<SomeNewAttr: Attribute> = Ready<T::Output<SomeNewAttr::CloneableOwned>>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        let attr = attr.into_cloneable_owned();
        Ready::new(move || (self.0)().add_any_attr(attr))
    }
}

impl<T: RenderHtml + 'static> RenderHtml for Ready<T> {
    type AsyncOutput = Self;
    type Owned = Self;

    const MIN_LENGTH: usize = T::MIN_LENGTH;

    // Nothing to wait for: the data is already there.
    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        self
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        (self.0)().to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        // The synchronous path, into the stream's own buffer: the same HTML, without the
        // per-element strings of the asynchronous one.
        #[cfg(any(debug_assertions, test))]
        let (view, _owner) = checked::build(self.0);
        #[cfg(not(any(debug_assertions, test)))]
        let view = (self.0)();
        buf.with_buf(|buf| {
            view.to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
        });
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        (self.0)().hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self::Owned {
        self
    }
}

/// The debug check: the view is built with a suspense context of its own, and a resource read
/// while still loading registers a task there (as it would with the `Suspense` around it).
#[cfg(any(debug_assertions, test))]
mod checked {
    use leptos::{prelude::*, reactive::computed::suspense::SuspenseContext};

    /// Builds the view in an owner of its own (so the probe shadows no one else's suspense
    /// context); the owner is returned to live until the view has been written.
    pub fn build<T>(build: Box<dyn FnOnce() -> T + Send>) -> (T, Owner) {
        let owner = Owner::current().map(|o| o.child()).unwrap_or_default();
        let tasks = ArcRwSignal::new(Default::default());
        let view = owner.with(|| {
            provide_context(SuspenseContext {
                tasks: tasks.clone(),
            });
            build()
        });
        let waiting = tasks.with_untracked(|t| t.len());
        assert!(
            waiting == 0,
            "a view wrapped in `Ready` read {waiting} resource(s) still loading: move the read \
             out of `Ready::new`, where the `Suspense` can wait for it"
        );
        (view, owner)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::Ready;
    use leptos::{
        prelude::*,
        tachys::{
            ssr::{StreamBuilder, StreamChunk},
            view::Position,
        },
    };

    /// What the asynchronous path (the one `Suspense` content takes) writes for a view.
    fn written_async(view: impl RenderHtml) -> String {
        let mut stream = StreamBuilder::new(None);
        view.to_html_async_with_buf::<false>(
            &mut stream,
            &mut Position::FirstChild,
            true,
            false,
            vec![],
        );
        stream
            .take_chunks()
            .into_iter()
            .map(|chunk| match chunk {
                StreamChunk::Sync(html) => html,
                _ => panic!("nothing here waits"),
            })
            .collect()
    }

    #[test]
    fn writes_in_one_piece_what_the_view_writes_element_by_element() {
        let owner = Owner::new();
        owner.set();
        let rows = || {
            (1..=3)
                .map(|n| {
                    view! {
                        <tr class="row">
                            <th scope="row">{format!("<{n}>")}</th>
                            <td aria-label=move || format!("{n} & more")>{move || n * 2}</td>
                        </tr>
                    }
                })
                .collect_view()
        };
        let plain = written_async(view! { <tbody>{rows()}</tbody> });
        let ready = written_async(view! { <tbody>{Ready::new(rows)}</tbody> });
        assert_eq!(ready, plain);
        assert!(
            plain.contains("<th scope=\"row\">&lt;2&gt;</th>"),
            "{plain}"
        );
        assert!(plain.contains("aria-label=\"3 &amp; more\""), "{plain}");
    }

    #[test]
    #[should_panic(expected = "read 1 resource(s) still loading")]
    fn a_resource_still_loading_inside_ready_is_caught() {
        // Any executor: the read spawns a task that waits for the resource, as on the server.
        let _ = any_spawner::Executor::init_futures_executor();
        let owner = Owner::new();
        owner.set();
        let loading = ArcAsyncDerived::new(std::future::pending::<u32>);
        written_async(view! { <p>{Ready::new(move || loading.get().unwrap_or_default())}</p> });
    }

    #[test]
    fn a_resource_already_there_inside_ready_is_fine() {
        let _ = any_spawner::Executor::init_futures_executor();
        let owner = Owner::new();
        owner.set();
        let there = ArcAsyncDerived::new_with_initial(Some(7u32), || async { 7 });
        let html =
            written_async(view! { <p>{Ready::new(move || there.get().unwrap_or_default())}</p> });
        assert!(html.contains('7'), "{html}");
    }
}
