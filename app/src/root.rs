use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::components::SiteHeader;
use crate::pages::{
    AgendaPage, AttendancePage, CancelEnrolmentPage, CataloguePage, CheckInPage, CheckInScreenPage,
    CodeSentPage, CollectSignaturePage, DocumentSealPage, FacilitatorPage, FacilitatorSessionsPage,
    FacilitatorsPage, FailedMailPage, FiguresPage, ForgotPasswordPage, HomePage, LinkSentPage,
    LocalMailMessagePage, LocalMailPage, MyCalendarPage, MyEnrolmentsPage, MyNoticesPage,
    NewFacilitatorPage, NewSessionPage, NewStaffMemberPage, NewWorkshopTypePage, NewYouthPage,
    NotFoundPage, PlacesPage, PrivacyPage, PublicSessionPage, RedeemLinkPage, ResetPasswordPage,
    RetentionPage, ServiceHealthPage, SessionPage, SheetsToClosePage, SignInPage, StaffMemberPage,
    StaffPage, UpcomingSessionsPage, VerifyDocumentPage, WorkshopTypePage, YouthPage,
    YouthSignaturePage, YouthsPage,
};

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Islands mode: only islands hydrate, so only their data goes into the page. leptos_axum
    // starts every render "hydrating", which would write every page's resources into it as
    // JSON (15 KB on /ateliers) for no browser to read; islands switch it on for themselves.
    #[cfg(feature = "ssr")]
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1d4f91" />
                <HashedStylesheet options id="leptos" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Pages are rendered whole on the server (`SsrMode::Async`) so they read the same with
/// JavaScript off; islands then hydrate where there is something to interact with.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title text="Ateliers" />
        <a class="skip-link" href="#contenu">
            "Aller au contenu"
        </a>
        <Router>
            <SiteHeader />
            <main id="contenu" class="page">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/ateliers") view=UpcomingSessionsPage ssr=SsrMode::Async />
                    <Route path=path!("/courriels") view=LocalMailPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/courriels/:id")
                        view=LocalMailMessagePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/connexion") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/lien-envoye") view=LinkSentPage ssr=SsrMode::Async />
                    <Route path=path!("/code-sms") view=CodeSentPage ssr=SsrMode::Async />
                    <Route path=path!("/connexion/:token") view=RedeemLinkPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/mot-de-passe-oublie")
                        view=ForgotPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/mot-de-passe/:token")
                        view=ResetPasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/accueil") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/jeunes") view=YouthsPage ssr=SsrMode::Async />
                    <Route path=path!("/jeunes/nouveau") view=NewYouthPage ssr=SsrMode::Async />
                    <Route path=path!("/jeunes/:id") view=YouthPage ssr=SsrMode::Async />
                    <Route path=path!("/intervenants") view=FacilitatorsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/intervenants/nouveau")
                        view=NewFacilitatorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/intervenants/:id")
                        view=FacilitatorPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/equipe") view=StaffPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/equipe/nouveau")
                        view=NewStaffMemberPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/equipe/:id") view=StaffMemberPage ssr=SsrMode::Async />
                    <Route path=path!("/lieux") view=PlacesPage ssr=SsrMode::Async />
                    <Route path=path!("/agenda") view=AgendaPage ssr=SsrMode::Async />
                    <Route path=path!("/seances/nouvelle") view=NewSessionPage ssr=SsrMode::Async />
                    <Route path=path!("/seances/:id") view=SessionPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/seances/:id/emargement")
                        view=AttendancePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/seances/:id/emargement/signer/:youth")
                        view=CollectSignaturePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/seances/:id/pointage")
                        view=CheckInScreenPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/pointer") view=CheckInPage ssr=SsrMode::Async />
                    <Route path=path!("/emargements") view=SheetsToClosePage ssr=SsrMode::Async />
                    <Route path=path!("/chiffres") view=FiguresPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/ateliers/:id/signer")
                        view=YouthSignaturePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/ateliers/:id") view=PublicSessionPage ssr=SsrMode::Async />
                    <Route path=path!("/verifier") view=VerifyDocumentPage ssr=SsrMode::Async />
                    <Route path=path!("/verifier/:code") view=DocumentSealPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/ateliers/:id/annuler")
                        view=CancelEnrolmentPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/mes-inscriptions")
                        view=MyEnrolmentsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/mes-seances")
                        view=FacilitatorSessionsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/mon-agenda") view=MyCalendarPage ssr=SsrMode::Async />
                    <Route path=path!("/mes-notifications") view=MyNoticesPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/courriels-en-echec")
                        view=FailedMailPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/etat-du-service")
                        view=ServiceHealthPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/conservation") view=RetentionPage ssr=SsrMode::Async />
                    <Route path=path!("/confidentialite") view=PrivacyPage ssr=SsrMode::Async />
                    <Route path=path!("/catalogue") view=CataloguePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/catalogue/nouveau")
                        view=NewWorkshopTypePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/catalogue/:id") view=WorkshopTypePage ssr=SsrMode::Async />
                </Routes>
            </main>
        </Router>
        <footer class="site-footer">
            <p>
                "Programme cofinancé par l'Union européenne (Fonds social européen, Initiative pour l'emploi des jeunes)."
            </p>
            <p>
                <a href="/verifier" data-test="footer-verify">
                    "Vérifier une feuille d'émargement"
                </a>
                " · "
                <a href="/confidentialite" data-test="footer-privacy">
                    "Confidentialité et données personnelles"
                </a>
            </p>
        </footer>
    }
}
