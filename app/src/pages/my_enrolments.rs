use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::Standing;

use crate::components::{SessionCardView, loaded};
use crate::server_fns::list_my_enrolments;

/// `/mes-inscriptions`: the youth's places and waiting-list positions to come. Plain HTML, no
/// script: each card links to its session, where the place can be cancelled.
#[component]
pub fn MyEnrolmentsPage() -> impl IntoView {
    let places = Resource::new_blocking(|| (), |_| list_my_enrolments());
    view! {
        <Title text="Mes inscriptions — Ateliers" />
        <h1>"Mes inscriptions"</h1>
        {loaded(
            places,
            move |value| match value {
                places if places.is_empty() => {
                    view! {
                        <p class="notice" data-test="no-enrolments">
                            "Vous n'êtes inscrit·e à aucun atelier pour le moment. "
                            <a href="/ateliers">"Voir les ateliers à venir"</a>
                        </p>
                    }
                        .into_any()
                }
                places => {
                    view! {
                        <ul class="session-list" data-test="my-enrolments">
                            {places
                                .into_iter()
                                .map(|place| {
                                    let standing = match place.standing {
                                        Standing::Registered => "registered",
                                        Standing::Waiting { .. } => "waiting",
                                    };
                                    view! {
                                        <li
                                            class="session-list__item"
                                            data-test="my-enrolment"
                                            data-standing=standing
                                        >
                                            <SessionCardView session=place.session />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            },
        )}
    }
}
