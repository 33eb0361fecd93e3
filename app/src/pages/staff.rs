use leptos::prelude::*;
use leptos_meta::Title;
use shared::domain::{MissionLocaleOption, PersonId, StaffForm};

use crate::components::{Checkbox, ErrorNotice, FormError, QueryNotice, id_param, loaded};
use crate::server_fns::{
    ArchiveStaffMember, CreateStaffMember, UpdateStaffMember, list_mission_locales, list_staff,
    view_staff_member,
};

/// `/equipe`: the federation's staff; coordinators add and archive accounts.
#[component]
pub fn StaffPage() -> impl IntoView {
    const NOTICES: &[(&str, &str)] = &[
        (
            "ajoute",
            "Compte créé : la personne a reçu un lien pour choisir son mot de passe.",
        ),
        ("enregistre", "Modifications enregistrées."),
        (
            "archive",
            "Compte archivé : la personne ne peut plus se connecter.",
        ),
    ];
    let archive = ServerAction::<ArchiveStaffMember>::new();
    let staff = Resource::new_blocking(|| (), |_| list_staff());
    // Only coordinators get the options (the others see the list without the buttons).
    let manage = Resource::new_blocking(|| (), |_| async { list_mission_locales().await.is_ok() });
    view! {
        <Title text="Équipe — Ateliers" />
        <h1>"Équipe"</h1>
        <QueryNotice notices=NOTICES />
        <FormError error=archive.value().get_untracked().and_then(Result::err) />
        <Suspense fallback=|| {
            view! { <p>"Chargement…"</p> }
        }>
            {move || Suspend::new(async move {
                let manage = manage.await;
                match staff.await {
                    Ok(staff) => {
                        view! {
                            {manage
                                .then(|| {
                                    view! {
                                        <p class="actions">
                                            <a
                                                class="button"
                                                href="/equipe/nouveau"
                                                data-test="new-staff"
                                            >
                                                "Ouvrir un compte"
                                            </a>
                                        </p>
                                    }
                                })}
                            <ul class="people-list" data-test="staff-list">
                                {staff
                                    .into_iter()
                                    .filter(|member| !member.archived)
                                    .map(|member| {
                                        let specialities = member.specialities.join(", ");
                                        view! {
                                            <li class="people-list__item" data-test="staff-item">
                                                {if manage {
                                                    view! {
                                                        <a href=format!("/equipe/{}", member.id)>{member.name}</a>
                                                    }
                                                        .into_any()
                                                } else {
                                                    view! { <strong>{member.name}</strong> }.into_any()
                                                }}
                                                <span class="people-list__meta">
                                                    {member.role}
                                                    {(!specialities.is_empty())
                                                        .then(|| format!(" · {specialities}"))}
                                                    {member.email.map(|email| format!(" · {email}"))}
                                                </span>
                                                {manage
                                                    .then(|| {
                                                        view! {
                                                            <ActionForm action=archive>
                                                                <input
                                                                    type="hidden"
                                                                    name="id"
                                                                    value=member.id.to_string()
                                                                />
                                                                <button
                                                                    type="submit"
                                                                    class="button button--danger button--inline"
                                                                    data-test="archive-staff"
                                                                >
                                                                    "Archiver ce compte"
                                                                </button>
                                                            </ActionForm>
                                                        }
                                                    })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/equipe/nouveau`: a coordinator opens a staff account.
#[component]
pub fn NewStaffMemberPage() -> impl IntoView {
    let create = ServerAction::<CreateStaffMember>::new();
    let missions_locales = Resource::new_blocking(|| (), |_| list_mission_locales());
    view! {
        <Title text="Ouvrir un compte — Ateliers" />
        <h1>"Ouvrir un compte d'équipe"</h1>
        {loaded(
            missions_locales,
            move |missions_locales| {
                view! {
                    <FormError error=create.value().get_untracked().and_then(Result::err) />
                    <ActionForm action=create attr:data-test="staff-form">
                        <StaffFields
                            form=StaffForm {
                                role: "counsellor".into(),
                                ..StaffForm::default()
                            }
                            missions_locales
                        />
                        <button type="submit" class="button">
                            "Ouvrir le compte"
                        </button>
                    </ActionForm>
                }
                    .into_any()
            },
        )}
    }
}

/// `/equipe/:id`: a coordinator corrects a staff account.
#[component]
pub fn StaffMemberPage() -> impl IntoView {
    let id: PersonId = id_param("id");
    let update = ServerAction::<UpdateStaffMember>::new();
    let page = Resource::new_blocking(
        move || id,
        |id| async move {
            Ok::<_, crate::error::AppError>((
                view_staff_member(id).await?,
                list_mission_locales().await?,
            ))
        },
    );
    view! {
        <Title text="Compte d'équipe — Ateliers" />
        <p>
            <a href="/equipe">"← Toute l'équipe"</a>
        </p>
        <FormError error=update.value().get_untracked().and_then(Result::err) />
        {loaded(
            page,
            move |(form, missions_locales)| {
                view! {
                    <h1>{format!("{} {}", form.first_name, form.last_name)}</h1>
                    <ActionForm action=update attr:data-test="staff-form">
                        <input type="hidden" name="id" value=id.to_string() />
                        <StaffFields form missions_locales />
                        <button type="submit" class="button">
                            "Enregistrer"
                        </button>
                    </ActionForm>
                }
                    .into_any()
            },
        )}
    }
}

/// The fields of a staff account, named `staff[...]`.
#[component]
fn StaffFields(form: StaffForm, missions_locales: Vec<MissionLocaleOption>) -> impl IntoView {
    let selected_ml = form.mission_locale_id.clone();
    view! {
        <label for="s-first-name">"Prénom"</label>
        <input id="s-first-name" name="staff[first_name]" value=form.first_name required />
        <label for="s-last-name">"Nom"</label>
        <input id="s-last-name" name="staff[last_name]" value=form.last_name required />
        <label for="s-email">"Adresse e-mail professionnelle"</label>
        <input id="s-email" name="staff[email]" type="email" value=form.email required />
        <label for="s-role">"Rôle"</label>
        <select id="s-role" name="staff[role]">
            <option value="counsellor" selected=form.role == "counsellor">
                "Conseiller·ère d'une Mission Locale"
            </option>
            <option value="coordinator" selected=form.role == "coordinator">
                "Coordination de la fédération"
            </option>
        </select>
        <label for="s-ml">"Mission Locale (pour un conseiller)"</label>
        <select id="s-ml" name="staff[mission_locale_id]">
            <option value="">"—"</option>
            {missions_locales
                .into_iter()
                .map(|ml| {
                    let id = ml.id.to_string();
                    let selected = id == selected_ml;
                    view! {
                        <option value=id selected=selected>
                            {ml.name}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <Checkbox
            name="staff[disability_specialist]"
            checked=form.disability_specialist.is_some()
            label=" Référent·e handicap"
        />
        <Checkbox
            name="staff[justice_specialist]"
            checked=form.justice_specialist.is_some()
            label=" Référent·e justice"
        />
    }
}
