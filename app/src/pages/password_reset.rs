use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::{FormError, QueryNotice};
use crate::server_fns::{RequestPasswordReset, ResetPassword};

/// `/mot-de-passe-oublie`: staff ask for a link to choose a new password.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    const NOTICES: &[(&str, &str)] = &[(
        "envoye",
        "Si cette adresse appartient à un compte de l'équipe, un lien pour choisir un nouveau mot de passe vient d'y être envoyé. Il fonctionne 30 minutes.",
    )];
    view! {
        <Title text="Mot de passe oublié — Ateliers" />
        <h1>"Mot de passe oublié"</h1>
        <QueryNotice notices=NOTICES test="reset-sent" />
        <FormError error=request.value().get_untracked().and_then(Result::err) />
        <ActionForm action=request>
            <label for="reset-email">"Adresse e-mail professionnelle"</label>
            <input id="reset-email" name="email" type="email" autocomplete="username" required />
            <button type="submit" class="button">
                "Recevoir le lien"
            </button>
        </ActionForm>
    }
}

/// `/mot-de-passe/:token`: choose the new password.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let reset = ServerAction::<ResetPassword>::new();
    view! {
        <Title text="Nouveau mot de passe — Ateliers" />
        <h1>"Choisir un nouveau mot de passe"</h1>
        <p>
            "Au moins 12 caractères. Une phrase facile à retenir convient très bien. Vos autres sessions seront fermées."
        </p>
        <FormError error=reset.value().get_untracked().and_then(Result::err) />
        <ActionForm action=reset>
            <input type="hidden" name="token" value=token />
            <label for="new-password">"Nouveau mot de passe"</label>
            <input
                id="new-password"
                name="password"
                type="password"
                autocomplete="new-password"
                minlength="12"
                required
            />
            <label for="new-password-confirmation">"Le même, une seconde fois"</label>
            <input
                id="new-password-confirmation"
                name="password_confirmation"
                type="password"
                autocomplete="new-password"
                minlength="12"
                required
            />
            <button type="submit" class="button">
                "Enregistrer"
            </button>
        </ActionForm>
    }
}
