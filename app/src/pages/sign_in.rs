use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::{FormError, QueryNotice};
use crate::server_fns::{
    RedeemSignInCode, RedeemSignInLink, RequestSignInCode, RequestSignInLink, SignInWithPassword,
};

/// `/connexion`: youths and facilitators ask for a link by email or a code by SMS; staff type
/// their password. `?tel=` (the welcome SMS's link) fills the number in.
#[component]
pub fn SignInPage() -> impl IntoView {
    let request_link = ServerAction::<RequestSignInLink>::new();
    let request_code = ServerAction::<RequestSignInCode>::new();
    let prefilled_phone = use_query_map()
        .read_untracked()
        .get("tel")
        .unwrap_or_default();
    let sign_in = ServerAction::<SignInWithPassword>::new();
    const NOTICES: &[(&str, &str)] = &[("deconnecte", "Vous êtes déconnecté·e.")];
    view! {
        <Title text="Se connecter — Ateliers" />
        <h1>"Se connecter"</h1>
        <QueryNotice notices=NOTICES test="signed-out" />
        <section class="card" aria-labelledby="lien-titre">
            <h2 id="lien-titre">"Jeunes et intervenants"</h2>
            <p>
                "Pas de mot de passe : tapez votre adresse e-mail, vous recevrez un lien pour vous connecter."
            </p>
            <FormError error=request_link.value().get_untracked().and_then(Result::err) />
            <ActionForm action=request_link attr:data-test="link-form">
                <label for="link-email">"Votre adresse e-mail"</label>
                <input
                    id="link-email"
                    name="email"
                    type="email"
                    autocomplete="email"
                    inputmode="email"
                    required
                    data-test="link-email"
                />
                <button type="submit" class="button" data-test="link-submit">
                    "Recevoir mon lien"
                </button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="sms-titre">
            <h2 id="sms-titre">"Pas d'e-mail ? Recevoir un code par SMS"</h2>
            <p>"Tapez votre numéro de portable : vous recevrez un code à 6 chiffres."</p>
            <FormError error=request_code.value().get_untracked().and_then(Result::err) />
            <ActionForm action=request_code attr:data-test="code-request-form">
                <label for="code-phone">"Votre numéro de portable"</label>
                <input
                    id="code-phone"
                    name="phone"
                    type="tel"
                    autocomplete="tel"
                    inputmode="tel"
                    placeholder="06 12 34 56 78"
                    value=prefilled_phone
                    required
                    data-test="code-phone"
                />
                <button type="submit" class="button" data-test="code-request-submit">
                    "Recevoir un code par SMS"
                </button>
            </ActionForm>
        </section>
        <section class="card" aria-labelledby="equipe-titre">
            <h2 id="equipe-titre">"Équipes des Missions Locales"</h2>
            <FormError error=sign_in.value().get_untracked().and_then(Result::err) />
            <ActionForm action=sign_in attr:data-test="password-form">
                <label for="staff-email">"Adresse e-mail professionnelle"</label>
                <input
                    id="staff-email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    data-test="staff-email"
                />
                <label for="staff-password">"Mot de passe"</label>
                <input
                    id="staff-password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    data-test="staff-password"
                />
                <button type="submit" class="button" data-test="password-submit">
                    "Se connecter"
                </button>
            </ActionForm>
            <p>
                <a href="/mot-de-passe-oublie">"Mot de passe oublié ?"</a>
            </p>
        </section>
    }
}

/// `/lien-envoye`: the same answer for every address typed.
#[component]
pub fn LinkSentPage() -> impl IntoView {
    view! {
        <Title text="Vérifiez vos e-mails — Ateliers" />
        <h1>"Vérifiez vos e-mails"</h1>
        <p class="notice notice--success" role="status" data-test="link-sent">
            "Si cette adresse est connue d'Ateliers, un lien de connexion vient d'y être envoyé. Il fonctionne une seule fois, pendant 30 minutes."
        </p>
        <p>"Pensez à regarder dans les courriers indésirables (spams)."</p>
        <p>
            <a href="/connexion">"Demander un autre lien"</a>
        </p>
    }
}

/// `/code-sms?tel=…`: the same answer for every number typed, and where the code is typed.
#[component]
pub fn CodeSentPage() -> impl IntoView {
    let phone = use_query_map()
        .read_untracked()
        .get("tel")
        .unwrap_or_default();
    let redeem = ServerAction::<RedeemSignInCode>::new();
    view! {
        <Title text="Tapez votre code — Ateliers" />
        <h1>"Tapez le code reçu par SMS"</h1>
        <p class="notice notice--success" role="status" data-test="code-sent">
            "Si ce numéro est connu d'Ateliers, un SMS avec un code à 6 chiffres vient d'y être envoyé. Il fonctionne une seule fois, pendant 10 minutes."
        </p>
        <FormError error=redeem.value().get_untracked().and_then(Result::err) />
        <ActionForm action=redeem attr:data-test="code-form">
            <input type="hidden" name="phone" value=phone />
            <label for="sms-code">"Code reçu par SMS"</label>
            <input
                id="sms-code"
                name="code"
                type="text"
                inputmode="numeric"
                autocomplete="one-time-code"
                pattern="[0-9 ]{6,7}"
                maxlength="7"
                required
                data-test="sms-code"
            />
            <button type="submit" class="button button--large" data-test="code-submit">
                "Me connecter"
            </button>
        </ActionForm>
        <p>
            <a href="/connexion">"Pas reçu ? Demander un autre code"</a>
        </p>
    }
}

/// `/connexion/:token`: the page an emailed link opens. Signing in takes a tap on the button
/// (a POST): mail scanners that open links in advance cannot use the link up.
#[component]
pub fn RedeemLinkPage() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let redeem = ServerAction::<RedeemSignInLink>::new();
    view! {
        <Title text="Connexion — Ateliers" />
        <h1>"Bienvenue sur Ateliers"</h1>
        <FormError error=redeem.value().get_untracked().and_then(Result::err) />
        <ActionForm action=redeem attr:data-test="redeem-form">
            <input type="hidden" name="token" value=token />
            <button type="submit" class="button button--large" data-test="redeem-submit">
                "Me connecter"
            </button>
        </ActionForm>
        <p>
            "Vous resterez connecté·e sur cet appareil. Vous pourrez vous déconnecter à tout moment."
        </p>
        <p>
            <a href="/connexion">"Recevoir un nouveau lien"</a>
        </p>
    }
}
