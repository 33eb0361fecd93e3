use leptos::prelude::*;

use crate::server_fns::{SignOut, describe_actor};

/// The banner: the brand, and who is signed in with a sign-out button (or a sign-in link).
#[component]
pub fn SiteHeader() -> impl IntoView {
    let person = Resource::new_blocking(|| (), |_| describe_actor());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <header class="site-header">
            <a class="site-header__brand" href="/accueil">
                "Ateliers"
            </a>
            <span class="site-header__tagline">"Missions Locales de Seine-Saint-Denis"</span>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match person.await {
                        Ok(Some(person)) => {
                            let staff_nav = person
                                .is_staff
                                .then(|| {
                                    view! {
                                        <nav
                                            class="site-header__nav"
                                            aria-label="Équipe"
                                            data-test="staff-nav"
                                        >
                                            <a href="/agenda" data-test="nav-agenda">
                                                "Agenda"
                                            </a>
                                            <a href="/catalogue" data-test="nav-catalogue">
                                                "Catalogue"
                                            </a>
                                            <a href="/emargements" data-test="nav-sheets-to-close">
                                                "Émargements"
                                            </a>
                                            <a href="/chiffres" data-test="nav-figures">
                                                "Chiffres"
                                            </a>
                                            <a href="/courriels-en-echec" data-test="nav-failed-mail">
                                                "Courriels non remis"
                                            </a>
                                            <a href="/mon-agenda" data-test="nav-my-calendar">
                                                "Mon agenda"
                                            </a>
                                        </nav>
                                    }
                                });
                            let youth_nav = person
                                .is_youth
                                .then(|| {
                                    view! {
                                        <nav
                                            class="site-header__nav"
                                            aria-label="Mes ateliers"
                                            data-test="youth-nav"
                                        >
                                            <a href="/ateliers" data-test="nav-upcoming">
                                                "Ateliers"
                                            </a>
                                            <a href="/mes-inscriptions" data-test="nav-my-enrolments">
                                                "Mes inscriptions"
                                            </a>
                                            <a href="/pointer" data-test="nav-check-in">
                                                "Pointer"
                                            </a>
                                            <a href="/mon-agenda" data-test="nav-my-calendar">
                                                "Mon agenda"
                                            </a>
                                        </nav>
                                    }
                                });
                            view! {
                                {staff_nav}
                                {youth_nav}
                                <div class="site-header__account" data-test="signed-in-as">
                                    <span>
                                        <strong>{person.display_name}</strong>
                                        <br />
                                        <small>{person.role}</small>
                                    </span>
                                    <ActionForm action=sign_out>
                                        <button
                                            type="submit"
                                            class="button button--small"
                                            data-test="sign-out"
                                        >
                                            "Se déconnecter"
                                        </button>
                                    </ActionForm>
                                </div>
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <a
                                    class="site-header__sign-in"
                                    href="/connexion"
                                    data-test="sign-in-link"
                                >
                                    "Se connecter"
                                </a>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </header>
    }
}
