use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::{Home, MissionLocaleFigures, OwnContact, SessionCard};

use crate::components::{SessionCardView, YouthList, loaded};
use crate::server_fns::load_home;

/// `/accueil`: each role lands on its own home.
#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new_blocking(|| (), |_| load_home());
    view! {
        <Title text="Accueil — Ateliers" />
        {loaded(
            home,
            move |value| match value {
                Home::Youth { first_name, my_sessions, upcoming, my_contacts } => {
                    view! {
                        <h1 data-test="home-title">{format!("Bonjour {first_name}")}</h1>
                        <section aria-labelledby="mes-ateliers" data-test="home-youth">
                            <h2 id="mes-ateliers">"Mes ateliers"</h2>
                            <Sessions
                                sessions=my_sessions
                                empty="Vous n'êtes inscrit·e à aucun atelier pour l'instant."
                            />
                            <p>
                                <a href="/mes-notifications" data-test="my-notices-link">
                                    "Être prévenu·e par e-mail ou par SMS"
                                </a>
                            </p>
                        </section>
                        <section aria-labelledby="a-venir">
                            <h2 id="a-venir">"Ateliers à venir"</h2>
                            <Sessions
                                sessions=upcoming
                                empty="Aucun atelier programmé pour le moment."
                            />
                            <p>
                                <a href="/ateliers">"Voir tous les ateliers"</a>
                            </p>
                        </section>
                        <MyContacts contacts=my_contacts />
                        <section aria-labelledby="mes-donnees" data-test="my-data">
                            <h2 id="mes-donnees">"Mes données"</h2>
                            <p>
                                <a
                                    class="button button--secondary"
                                    href="/mes-donnees.zip"
                                    data-test="my-data-download"
                                >
                                    "Télécharger tout ce qu'Ateliers conserve sur moi"
                                </a>
                            </p>
                            <p>
                                <a href="/confidentialite">
                                    "Ce qui est conservé, pourquoi, combien de temps"
                                </a>
                            </p>
                        </section>
                    }
                        .into_any()
                }
                Home::Facilitator { first_name, my_sessions } => {
                    view! {
                        <h1 data-test="home-title">{format!("Bonjour {first_name}")}</h1>
                        <section aria-labelledby="mes-seances" data-test="home-facilitator">
                            <h2 id="mes-seances">"Mes séances"</h2>
                            <Sessions
                                sessions=my_sessions
                                empty="Aucune séance ne vous est encore confiée. La Mission Locale qui vous invite les ajoutera ici."
                            />
                            <p>
                                <a href="/mes-seances" data-test="my-sessions-link">
                                    "Toutes mes séances (à venir et passées), avec les adresses et les contacts"
                                </a>
                            </p>
                        </section>
                    }
                        .into_any()
                }
                Home::Counsellor { first_name, mission_locale, agenda, my_youths } => {
                    view! {
                        <h1 data-test="home-title">{format!("Bonjour {first_name}")}</h1>
                        <p class="lead">{mission_locale}</p>
                        <p class="actions">
                            <a class="button" href="/jeunes/nouveau" data-test="new-youth">
                                "Inscrire un jeune"
                            </a>
                            <StaffLinks />
                        </p>
                        <section aria-labelledby="agenda" data-test="home-counsellor">
                            <h2 id="agenda">"Mon agenda"</h2>
                            <Sessions
                                sessions=agenda
                                empty="Aucune séance programmée dans votre Mission Locale."
                            />
                        </section>
                        <section aria-labelledby="mes-jeunes">
                            <h2 id="mes-jeunes">"Mes jeunes"</h2>
                            <YouthList youths=my_youths />
                            <p>
                                <a href="/jeunes">"Tous les jeunes de la Mission Locale"</a>
                            </p>
                        </section>
                    }
                        .into_any()
                }
                Home::Coordinator { first_name, missions_locales } => {
                    view! {
                        <h1 data-test="home-title">{format!("Bonjour {first_name}")}</h1>
                        <p class="actions">
                            <a class="button" href="/jeunes">
                                "Jeunes"
                            </a>
                            <StaffLinks />
                            <a
                                class="button button--secondary"
                                href="/etat-du-service"
                                data-test="service-health-link"
                            >
                                "État du service"
                            </a>
                            <a
                                class="button button--secondary"
                                href="/conservation"
                                data-test="retention-link"
                            >
                                "Conservation des données"
                            </a>
                        </p>
                        <section aria-labelledby="federation" data-test="home-coordinator">
                            <h2 id="federation">"La fédération"</h2>
                            <FederationTable missions_locales />
                        </section>
                    }
                        .into_any()
                }
            },
        )}
    }
}

/// A youth's individual contacts with their Mission Locale: when and how, newest first.
#[component]
fn MyContacts(contacts: Vec<OwnContact>) -> impl IntoView {
    view! {
        <section aria-labelledby="mes-rendez-vous" data-test="my-contacts">
            <h2 id="mes-rendez-vous">"Mes échanges avec ma Mission Locale"</h2>
            {if contacts.is_empty() {
                view! { <p>"Aucun entretien ni appel enregistré pour l'instant."</p> }.into_any()
            } else {
                view! {
                    <ul class="history">
                        {contacts
                            .into_iter()
                            .map(|contact| {
                                view! {
                                    <li data-test="my-contact" data-kind=contact.kind.code()>
                                        {contact.day}
                                        " — "
                                        {contact.kind.label()}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn Sessions(sessions: Vec<SessionCard>, empty: &'static str) -> impl IntoView {
    if sessions.is_empty() {
        return view! { <p class="notice">{empty}</p> }.into_any();
    }
    view! {
        <ul class="session-list">
            {sessions
                .into_iter()
                .map(|session| {
                    view! {
                        <li class="session-list__item">
                            <SessionCardView session />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn FederationTable(missions_locales: Vec<MissionLocaleFigures>) -> impl IntoView {
    view! {
        <div
            class="table-scroll"
            tabindex="0"
            role="region"
            aria-label="Chiffres par Mission Locale (faire défiler)"
        >
            <table class="figures">
                <caption>"Chiffres par Mission Locale"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Mission Locale"</th>
                        <th scope="col">"Conseillers"</th>
                        <th scope="col">"Jeunes en parcours"</th>
                        <th scope="col">"Séances à venir"</th>
                    </tr>
                </thead>
                <tbody>
                    {missions_locales
                        .into_iter()
                        .map(|ml| {
                            view! {
                                <tr>
                                    <th scope="row">{ml.name}</th>
                                    <td>{ml.counsellors}</td>
                                    <td>{ml.youths_in_programme}</td>
                                    <td>{ml.upcoming_sessions}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The staff's way to the places they keep: agenda, facilitators, places, catalogue, team.
#[component]
fn StaffLinks() -> impl IntoView {
    view! {
        <a class="button button--secondary" href="/agenda" data-test="agenda-link">
            "Agenda"
        </a>
        <a class="button button--secondary" href="/intervenants">
            "Intervenants"
        </a>
        <a class="button button--secondary" href="/lieux">
            "Lieux"
        </a>
        <a class="button button--secondary" href="/catalogue">
            "Catalogue"
        </a>
        <a class="button button--secondary" href="/equipe">
            "Équipe"
        </a>
    }
}
