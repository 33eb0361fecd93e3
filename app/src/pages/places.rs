use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::SiteView;

use crate::components::{Checkbox, ErrorNotice, FormError, QueryNotice};
use crate::server_fns::{
    AddRoom, AddSiteClosure, CreateSite, UpdateRoom, UpdateSite, list_mission_locales, list_places,
};

/// `/lieux`: the sites of the federation and their rooms; coordinators and the counsellors of a
/// site's Mission Locale keep its opening hours, accessibility and rooms up to date.
#[component]
pub fn PlacesPage() -> impl IntoView {
    const NOTICES: &[(&str, &str)] = &[("enregistre", "Modifications enregistrées.")];
    let update = ServerAction::<UpdateSite>::new();
    let add_room = ServerAction::<AddRoom>::new();
    let update_room = ServerAction::<UpdateRoom>::new();
    let create_site = ServerAction::<CreateSite>::new();
    let add_closure = ServerAction::<AddSiteClosure>::new();
    let places = Resource::new_blocking(|| (), |_| list_places());
    // Coordinators choose the Mission Locale of a new site; counsellors add to their own.
    let missions_locales =
        Resource::new_blocking(|| (), |_| async { list_mission_locales().await.ok() });
    view! {
        <Title text="Lieux — Ateliers" />
        <h1>"Lieux"</h1>
        <QueryNotice notices=NOTICES />
        <FormError error=update.value().get_untracked().and_then(Result::err) />
        <FormError error=add_room.value().get_untracked().and_then(Result::err) />
        <FormError error=update_room.value().get_untracked().and_then(Result::err) />
        <FormError error=create_site.value().get_untracked().and_then(Result::err) />
        <FormError error=add_closure.value().get_untracked().and_then(Result::err) />
        <Suspense fallback=|| {
            view! { <p>"Chargement…"</p> }
        }>
            {move || Suspend::new(async move {
                let missions_locales = missions_locales.await;
                match places.await {
                    Ok(sites) => {
                        view! {
                            <div class="sites">
                                {sites
                                    .into_iter()
                                    .map(|site| {
                                        view! {
                                            <Site site update add_room update_room add_closure />
                                        }
                                    })
                                    .collect_view()}
                            </div>
                            <section class="card" aria-labelledby="nouveau-site">
                                <h2 id="nouveau-site">"Nouveau site"</h2>
                                <ActionForm action=create_site attr:data-test="new-site-form">
                                    {match missions_locales {
                                        Some(missions_locales) => {
                                            view! {
                                                <label for="new-site-ml">"Mission Locale"</label>
                                                <select
                                                    id="new-site-ml"
                                                    name="site[mission_locale_id]"
                                                    required
                                                >
                                                    <option value="">"—"</option>
                                                    {missions_locales
                                                        .into_iter()
                                                        .map(|ml| {
                                                            view! { <option value=ml.id.to_string()>{ml.name}</option> }
                                                        })
                                                        .collect_view()}
                                                </select>
                                            }
                                                .into_any()
                                        }
                                        None => {
                                            view! {
                                                <input
                                                    type="hidden"
                                                    name="site[mission_locale_id]"
                                                    value=""
                                                />
                                            }
                                                .into_any()
                                        }
                                    }}
                                    <label for="new-site-name">"Nom du site"</label>
                                    <input id="new-site-name" name="site[name]" required />
                                    <label for="new-site-address">
                                        "Adresse (avec code postal et ville)"
                                    </label>
                                    <input id="new-site-address" name="site[address]" required />
                                    <label for="new-site-hours">"Horaires d'ouverture"</label>
                                    <input
                                        id="new-site-hours"
                                        name="site[opening_hours]"
                                        required
                                    />
                                    <button type="submit" class="button button--secondary">
                                        "Ajouter le site"
                                    </button>
                                </ActionForm>
                            </section>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Site(
    site: SiteView,
    update: ServerAction<UpdateSite>,
    add_room: ServerAction<AddRoom>,
    update_room: ServerAction<UpdateRoom>,
    add_closure: ServerAction<AddSiteClosure>,
) -> impl IntoView {
    let SiteView {
        id,
        mission_locale,
        name,
        address,
        form,
        rooms,
        closures,
        editable,
    } = site;
    let field = move |suffix: &str| format!("site-{id}-{suffix}");
    let yes_no = |value: &Option<String>| if value.is_some() { "oui" } else { "non" };
    view! {
        <section
            class="card"
            id=format!("site-{id}")
            aria-labelledby=field("title")
            data-test="site"
        >
            <h2 id=field("title")>{name}</h2>
            <p class="lead">{mission_locale} " · " {address}</p>
            <h3>"Salles"</h3>
            <ul data-test="rooms">
                {rooms
                    .into_iter()
                    .map(|room| {
                        let label = format!("{} — {} places", room.name, room.capacity);
                        if !editable {
                            return view! { <li>{label}</li> }.into_any();
                        }
                        let room_id = room.id;
                        let field = move |suffix: &str| format!("room-{room_id}-{suffix}");
                        view! {
                            <li>
                                <details>
                                    <summary>{label}</summary>
                                    <ActionForm action=update_room>
                                        <input type="hidden" name="id" value=room.id.to_string() />
                                        <input type="hidden" name="site_id" value=id.to_string() />
                                        <label for=field("name")>"Nom de la salle"</label>
                                        <input
                                            id=field("name")
                                            name="room[name]"
                                            value=room.name.clone()
                                            required
                                        />
                                        <label for=field("capacity")>"Capacité (places)"</label>
                                        <input
                                            id=field("capacity")
                                            name="room[capacity]"
                                            type="number"
                                            min="1"
                                            max="200"
                                            value=room.capacity
                                            required
                                        />
                                        <button type="submit" class="button button--secondary">
                                            "Enregistrer la salle"
                                        </button>
                                    </ActionForm>
                                </details>
                            </li>
                        }
                            .into_any()
                    })
                    .collect_view()}
            </ul>
            <h3>"Fermetures"</h3>
            {if closures.is_empty() {
                view! { <p>"Aucune fermeture prévue."</p> }.into_any()
            } else {
                view! {
                    <ul data-test="closures">
                        {closures
                            .into_iter()
                            .map(|closure| {
                                let days = if closure.first_day == closure.last_day {
                                    format!("Le {}", shared::domain::format_day(closure.first_day))
                                } else {
                                    format!(
                                        "Du {} au {}",
                                        shared::domain::format_day(closure.first_day),
                                        shared::domain::format_day(closure.last_day),
                                    )
                                };
                                view! { <li>{format!("{days} : {}", closure.reason)}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {editable
                .then(|| {
                    view! {
                        <ActionForm action=add_closure attr:data-test="closure-form">
                            <input type="hidden" name="site_id" value=id.to_string() />
                            <label for=field("closure-first")>"Fermé du"</label>
                            <input
                                id=field("closure-first")
                                name="closure[first_day]"
                                type="date"
                                required
                            />
                            <label for=field("closure-last")>"au (vide : un seul jour)"</label>
                            <input id=field("closure-last") name="closure[last_day]" type="date" />
                            <label for=field("closure-reason")>"Raison"</label>
                            <input id=field("closure-reason") name="closure[reason]" required />
                            <button type="submit" class="button button--secondary">
                                "Ajouter la fermeture"
                            </button>
                        </ActionForm>
                    }
                })}
            {if editable {
                view! {
                    <ActionForm action=add_room attr:data-test="room-form">
                        <input type="hidden" name="site_id" value=id.to_string() />
                        <label for=field("room-name")>"Nouvelle salle"</label>
                        <input id=field("room-name") name="room[name]" required />
                        <label for=field("room-capacity")>"Capacité (places)"</label>
                        <input
                            id=field("room-capacity")
                            name="room[capacity]"
                            type="number"
                            min="1"
                            max="200"
                            required
                        />
                        <button type="submit" class="button button--secondary">
                            "Ajouter la salle"
                        </button>
                    </ActionForm>
                    <ActionForm action=update attr:data-test="site-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <label for=field("hours")>"Horaires d'ouverture"</label>
                        <input
                            id=field("hours")
                            name="site[opening_hours]"
                            value=form.opening_hours.clone()
                            required
                        />
                        <Checkbox
                            name="site[step_free_access]"
                            checked=form.step_free_access.is_some()
                            label=" Accès de plain-pied"
                        />
                        <Checkbox
                            name="site[lift]"
                            checked=form.lift.is_some()
                            label=" Ascenseur"
                        />
                        <Checkbox
                            name="site[hearing_loop]"
                            checked=form.hearing_loop.is_some()
                            label=" Boucle magnétique"
                        />
                        <label for=field("notes")>"Accessibilité : précisions"</label>
                        <input
                            id=field("notes")
                            name="site[accessibility_notes]"
                            value=form.accessibility_notes.clone()
                        />
                        <button type="submit" class="button">
                            "Enregistrer"
                        </button>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! {
                    <dl class="record">
                        <dt>"Horaires"</dt>
                        <dd>{form.opening_hours.clone()}</dd>
                        <dt>"Plain-pied"</dt>
                        <dd>{yes_no(&form.step_free_access)}</dd>
                        <dt>"Ascenseur"</dt>
                        <dd>{yes_no(&form.lift)}</dd>
                        <dt>"Boucle magnétique"</dt>
                        <dd>{yes_no(&form.hearing_loop)}</dd>
                        <dt>"Précisions"</dt>
                        <dd>{form.accessibility_notes.clone()}</dd>
                    </dl>
                }
                    .into_any()
            }}
        </section>
    }
}
