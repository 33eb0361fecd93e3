//! `malformed_requests`: bad input is the sender's fault, never an outage (issue 17).
//!
//! Thousands of malformed requests, generated from a fixed seed, go to every server function
//! and every route, as a visitor and as each kind of signed-in person, with forged and expired
//! cookies: missing, duplicated and wrongly typed fields, huge, empty and control-character
//! values, bodies that are not UTF-8, wrong methods and content types, foreign origins, bodies
//! over the limit, garbled path parameters and query strings. Every answer must be a 2xx–4xx,
//! never a 5xx nor a panic; a refused call from a script is the JSON `AppError`, a refusal a
//! person reads is French; no table changes (row counts and a digest of every row); `/healthz`
//! still answers. The test prints how many requests went and their status mix.
//!
//! `MALFORMED_REQUESTS=100000` sends more (default 10,000 per database), `MALFORMED_SEED=…`
//! another sequence.

use crate::support;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use app::server_fns::*;
use futures::StreamExt;
use leptos::server_fn::ServerFn;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde::de::DeserializeOwned;
use serde_reflection::{ContainerFormat, Format, Registry, Tracer, TracerConfig};
use support::fingerprint::fingerprint;
use support::{Seed, TestApp};

/// Requests per database when `MALFORMED_REQUESTS` is not set: about half a minute each.
const DEFAULT_REQUESTS: usize = 10_000;
const DEFAULT_SEED: u64 = 0x4154_454c_4945_5253; // "ATELIERS"
/// Requests in flight at once.
const CONCURRENCY: usize = 8;

static PANICS: AtomicUsize = AtomicUsize::new(0);
/// What loopback's socket buffers take before the server reads anything.
const BUFFERED: usize = 64 * 1024;
/// The "status" of a request that got no answer (its large body cut after an early refusal).
const NO_ANSWER: u16 = 0;

// ---------------------------------------------------------------------------------------------
// What each server function takes, read from its serde derive.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FieldKind {
    Integer,
    Flag,
    Text,
}

/// One form field as `serde_qs` names it (`youth[first_name]`, `youth_ids[0]`).
#[derive(Clone, Debug)]
struct FormField {
    name: String,
    kind: FieldKind,
    /// Not an `Option` nor a list (a `#[serde(default)]` field looks required here: the
    /// generator checks its bodies with the real decoder, see [`Function::decodes`]).
    required: bool,
}

struct Function {
    path: &'static str,
    fields: Vec<FormField>,
    /// Whether the server function's own decoder (`serde_qs`, as `PostUrl` configures it)
    /// accepts `body`: the generator sends only bodies it refuses, or a transport defect.
    decodes: fn(&[u8]) -> bool,
}

fn decodes<T: DeserializeOwned>(body: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(body) else {
        return false;
    };
    serde_qs::Config::new(5, false)
        .deserialize_str::<T>(text)
        .is_ok()
}

fn function<T: ServerFn + DeserializeOwned>() -> Function {
    let mut tracer = Tracer::new(TracerConfig::default());
    let (format, _) = tracer
        .trace_simple_type::<T>()
        .unwrap_or_else(|error| panic!("the arguments of {} trace: {error}", T::PATH));
    let registry = tracer
        .registry()
        .unwrap_or_else(|error| panic!("the arguments of {} trace: {error}", T::PATH));
    let mut fields = Vec::new();
    flatten(&format, "", true, &registry, &mut fields);
    Function {
        path: T::PATH,
        fields,
        decodes: decodes::<T>,
    }
}

fn flatten(
    format: &Format,
    name: &str,
    required: bool,
    registry: &Registry,
    fields: &mut Vec<FormField>,
) {
    let mut push = |kind| {
        fields.push(FormField {
            name: name.to_owned(),
            kind,
            required,
        })
    };
    match format {
        Format::TypeName(type_name) => match registry.get(type_name) {
            Some(ContainerFormat::Struct(members)) => {
                for member in members {
                    let child = if name.is_empty() {
                        member.name.clone()
                    } else {
                        format!("{name}[{}]", member.name)
                    };
                    flatten(&member.value, &child, required, registry, fields);
                }
            }
            Some(ContainerFormat::NewTypeStruct(inner)) => {
                flatten(inner, name, required, registry, fields)
            }
            Some(ContainerFormat::UnitStruct) => {}
            _ => push(FieldKind::Text),
        },
        Format::Option(inner) => flatten(inner, name, false, registry, fields),
        Format::Seq(inner) => flatten(inner, &format!("{name}[0]"), false, registry, fields),
        Format::Bool => push(FieldKind::Flag),
        Format::I8
        | Format::I16
        | Format::I32
        | Format::I64
        | Format::I128
        | Format::U8
        | Format::U16
        | Format::U32
        | Format::U64
        | Format::U128
        | Format::F32
        | Format::F64 => push(FieldKind::Integer),
        Format::Unit => {}
        _ => push(FieldKind::Text),
    }
}

/// Every server function. One missing fails the test (see `every_server_function_is_fuzzed`).
fn functions() -> Vec<Function> {
    vec![
        function::<AddRoom>(),
        function::<AddSiteClosure>(),
        function::<AddWalkIn>(),
        function::<ArchiveFacilitator>(),
        function::<ArchiveStaffMember>(),
        function::<ArchiveWorkshopType>(),
        function::<ArchiveYouth>(),
        function::<CancelEnrolment>(),
        function::<CancelSession>(),
        function::<ChangeCapacity>(),
        function::<CheckInWithCode>(),
        function::<CloseAttendanceSheet>(),
        function::<CorrectAttendance>(),
        function::<CreateFacilitator>(),
        function::<CreateSite>(),
        function::<CreateStaffMember>(),
        function::<CreateWorkshopType>(),
        function::<CreateYouth>(),
        function::<DescribeActor>(),
        function::<EnrolInSession>(),
        function::<EnrolYouths>(),
        function::<ListAgenda>(),
        function::<ListFacilitatorSessions>(),
        function::<ListFacilitators>(),
        function::<ListFailedMail>(),
        function::<ListFailedSms>(),
        function::<ResendFailedSms>(),
        function::<ListLocalMail>(),
        function::<ListLocalSms>(),
        function::<CheckDocument>(),
        function::<ViewDocumentSeal>(),
        function::<SealPublicKey>(),
        function::<ListMissionLocales>(),
        function::<ListMyEnrolments>(),
        function::<ViewNoticeSettings>(),
        function::<ChooseNoticeChannel>(),
        function::<ListPlaces>(),
        function::<ListReferentOptions>(),
        function::<ListSheetsToClose>(),
        function::<ListStaff>(),
        function::<ListUpcomingSessions>(),
        function::<ListWorkshopTypes>(),
        function::<ListYouths>(),
        function::<LoadHome>(),
        function::<LoadPlanningOptions>(),
        function::<MarkAttendance>(),
        function::<OpenCalendarFeed>(),
        function::<PlanSessions>(),
        function::<PreviewMinimisation>(),
        function::<HoldMinimisation>(),
        function::<EraseYouthData>(),
        function::<LiftMinimisationHold>(),
        function::<RecordIndividualContact>(),
        function::<ViewPrivacyNotice>(),
        function::<PromoteFromWaitingList>(),
        function::<ReadLocalMail>(),
        function::<RedeemSignInCode>(),
        function::<RedeemSignInLink>(),
        function::<RemoveEnrolment>(),
        function::<RenewCalendarFeed>(),
        function::<ReopenPaperSheet>(),
        function::<RequestPasswordReset>(),
        function::<RequestSignInCode>(),
        function::<RequestSignInLink>(),
        function::<ResendFailedMail>(),
        function::<ResetPassword>(),
        function::<RestoreFacilitator>(),
        function::<RestoreWorkshopType>(),
        function::<ShowCheckInCode>(),
        function::<SignAttendanceSheet>(),
        function::<SignInWithPassword>(),
        function::<SignOut>(),
        function::<UpdateFacilitator>(),
        function::<UpdateRoom>(),
        function::<UpdateSession>(),
        function::<UpdateSite>(),
        function::<UpdateStaffMember>(),
        function::<UpdateWorkshopType>(),
        function::<UpdateYouth>(),
        function::<ViewAttendance>(),
        function::<ViewDashboard>(),
        function::<ViewFacilitator>(),
        function::<ViewPublicSession>(),
        function::<ViewRoster>(),
        function::<ViewServiceHealth>(),
        function::<ViewSession>(),
        function::<ViewSignatureRequest>(),
        function::<ViewStaffMember>(),
        function::<ViewWorkshopType>(),
        function::<ViewYouth>(),
        function::<ViewYouthPlace>(),
    ]
}

#[test]
fn every_server_function_is_fuzzed() {
    let fuzzed: Vec<&str> = functions().iter().map(|function| function.path).collect();
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        assert!(
            fuzzed.contains(&path),
            "server function {path} is missing from malformed_requests::functions()"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Who sends them.

#[derive(Clone, Debug)]
enum Sender {
    Visitor,
    /// A signed-in person (coordinator, counsellor, youth, facilitator): their session token.
    SignedIn(&'static str, String),
    /// A session cookie that was never issued.
    ForgedCookie,
    /// A session that expired yesterday.
    ExpiredCookie(String),
    /// A cookie header that is not even text.
    GarbledCookie,
}

impl Sender {
    fn label(&self) -> &'static str {
        match self {
            Sender::Visitor => "visitor",
            Sender::SignedIn(role, _) => role,
            Sender::ForgedCookie => "forged cookie",
            Sender::ExpiredCookie(_) => "expired cookie",
            Sender::GarbledCookie => "garbled cookie",
        }
    }

    fn cookie(&self) -> Option<Vec<u8>> {
        match self {
            Sender::Visitor => None,
            Sender::SignedIn(_, token) | Sender::ExpiredCookie(token) => {
                Some(format!("ateliers_session={token}").into_bytes())
            }
            Sender::ForgedCookie => {
                Some(b"ateliers_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_vec())
            }
            Sender::GarbledCookie => {
                Some(b"ateliers_session=\xff\xfe\x80; other=\xc3\x28".to_vec())
            }
        }
    }
}

async fn senders(app: &TestApp) -> Vec<Sender> {
    let small = support::builders::small_federation(app).await;
    let (coordinator, counsellor, youth, facilitator) = (
        small.coordinator.id,
        small.counsellor.id,
        small.youth,
        small.facilitator,
    );
    // A session of the youth that ended yesterday.
    let expired = shared::auth::SecretToken::generate();
    let yesterday = support::now() - chrono::Duration::days(1);
    shared::entities::login_session::ActiveModel {
        token_hash: Set(expired.hash.clone()),
        person_id: Set(youth),
        created_at: Set(yesterday - chrono::Duration::hours(1)),
        expires_at: Set(yesterday),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("an expired session");
    let expired = expired.token;
    vec![
        Sender::Visitor,
        Sender::SignedIn("coordinator", app.session_for(coordinator).await),
        Sender::SignedIn("counsellor", app.session_for(counsellor).await),
        Sender::SignedIn("youth", app.session_for(youth).await),
        Sender::SignedIn("facilitator", app.session_for(facilitator).await),
        Sender::ForgedCookie,
        Sender::ExpiredCookie(expired),
        Sender::GarbledCookie,
    ]
}

// ---------------------------------------------------------------------------------------------
// The generator.

/// Values that are no integer (or overflow an `i32`).
const NOT_INTEGERS: &[&str] = &[
    "abc",
    "",
    "1.5",
    "99999999999999999999",
    "-99999999999",
    " 1",
    "１２",
    "0x1F",
    "1e3",
    "NaN",
    "[]",
    "1;DROP TABLE person",
];
const NOT_FLAGS: &[&str] = &["oui", "2", "", "TRUE!", "null"];
/// Text that is valid UTF-8 but no sensible value: control characters, markup, injections...
const ODD_TEXTS: &[&str] = &[
    "",
    " ",
    "\u{0}",
    "a\rb",
    "a\r\nBcc: x@y.fr",
    "\u{7}\u{1b}[31m",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "=HYPERLINK(\"http://x\")",
    "../../etc/passwd",
    "\u{202e}gnp.exe",
    "😀🎉",
    "%FF",
    "2026-02-30",
    "25:61",
    "-1",
    "0",
];
/// Garbage for a path parameter or a query value, already escaped for an address.
const ODD_SEGMENTS: &[&str] = &[
    "abc",
    "-1",
    "0",
    "2147483648",
    "99999999999999999999",
    "%FF%FE",
    "%C3%28",
    "%00",
    "%0D%0ALocation:%20x",
    "1e3",
    "%EF%BC%91",
    "..%2F..%2Fetc%2Fpasswd",
    "%27%20OR%201%3D1",
    "%3Cscript%3E",
    "%F0%9F%98%80",
];

fn escape(bytes: &[u8]) -> String {
    let mut escaped = String::with_capacity(bytes.len());
    for &byte in bytes {
        if byte.is_ascii_alphanumeric() || b"-._*".contains(&byte) {
            escaped.push(byte as char);
        } else {
            escaped.push_str(&format!("%{byte:02X}"));
        }
    }
    escaped
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// A value that the field's type accepts (text is any text; integers are small).
fn plausible(rng: &mut fastrand::Rng, kind: FieldKind) -> Vec<u8> {
    match kind {
        FieldKind::Integer => rng.u32(1..5000).to_string().into_bytes(),
        FieldKind::Flag => if rng.bool() { "true" } else { "false" }.into(),
        FieldKind::Text => pick(rng, &["Samia", "2026-12-15", "10:00", "x@exemple.fr", "1"])
            .as_bytes()
            .to_vec(),
    }
}

/// A value that is odd for any field: empty, huge, control characters, not a number...
fn noise(rng: &mut fastrand::Rng) -> Vec<u8> {
    match rng.u8(0..6) {
        0 => vec![b'x'; rng.usize(10_000..120_000)],
        1 => "é".repeat(rng.usize(100..3_000)).into_bytes(),
        2 => pick(rng, NOT_INTEGERS).as_bytes().to_vec(),
        3 => (0..rng.usize(1..40)).map(|_| rng.u8(0..32)).collect(),
        _ => pick(rng, ODD_TEXTS).as_bytes().to_vec(),
    }
}

/// What makes a server function call malformed for certain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Defect {
    MissingField,
    WrongType,
    NotUtf8,
    WrongMethod,
    ForeignOrigin,
    Oversized,
}

struct Planned {
    method: reqwest::Method,
    path: String,
    headers: Vec<(&'static str, Vec<u8>)>,
    body: Option<Vec<u8>>,
    /// A server function call, refused before it runs: never a 2xx.
    must_refuse: bool,
    /// Who sends it, for the report of a failure (set by [`Generator::next`]).
    sender: &'static str,
}

struct Generator {
    rng: fastrand::Rng,
    functions: Vec<Function>,
    pages: Vec<String>,
    senders: Vec<Sender>,
    origin: String,
}

impl Generator {
    fn next(&mut self) -> Planned {
        let sender = self.senders[self.rng.usize(..self.senders.len())].clone();
        let mut planned = match self.rng.u8(0..10) {
            0..=6 => self.server_function_call(),
            7 | 8 => self.page_request(),
            _ => self.route_request(),
        };
        if let Some(cookie) = sender.cookie() {
            planned.headers.push(("cookie", cookie));
        }
        planned.sender = sender.label();
        planned
    }

    fn accept(&mut self) -> Option<&'static str> {
        *pick(
            &mut self.rng,
            &[
                None,
                Some("application/json"),
                Some("*/*"),
                Some("text/html,application/xhtml+xml"),
                Some("text/plain;q=abc, */x"),
            ],
        )
    }

    fn server_function_call(&mut self) -> Planned {
        let index = self.rng.usize(..self.functions.len());
        let function = &self.functions[index];
        let rng = &mut self.rng;
        // A body the field types accept, then some fields made odd, repeated or unknown.
        let mut pairs: Vec<(String, Vec<u8>)> = function
            .fields
            .iter()
            .map(|field| (field.name.clone(), plausible(rng, field.kind)))
            .collect();
        for pair in pairs.iter_mut() {
            if rng.u8(0..4) == 0 {
                pair.1 = noise(rng);
            }
        }
        if !pairs.is_empty() && rng.u8(0..4) == 0 {
            let duplicate = pairs[rng.usize(..pairs.len())].clone();
            pairs.push((duplicate.0, noise(rng)));
        }
        if rng.u8(0..4) == 0 {
            let unknown = pick(
                rng,
                &["__proto__", "id[]", "a[b][c][d][e][f]", "", "=", "%FF"],
            );
            pairs.push(((*unknown).to_owned(), noise(rng)));
        }

        let required: Vec<usize> = (0..function.fields.len())
            .filter(|&i| function.fields[i].required)
            .collect();
        let typed: Vec<usize> = (0..function.fields.len())
            .filter(|&i| function.fields[i].kind != FieldKind::Text)
            .collect();
        let mut defect = *pick(
            rng,
            &[
                Defect::MissingField,
                Defect::MissingField,
                Defect::MissingField,
                Defect::WrongType,
                Defect::WrongType,
                Defect::WrongType,
                Defect::NotUtf8,
                Defect::NotUtf8,
                Defect::WrongMethod,
                Defect::ForeignOrigin,
            ],
        );
        if rng.u16(0..400) == 0 {
            defect = Defect::Oversized;
        }
        match defect {
            Defect::MissingField if !required.is_empty() => {
                let field = &function.fields[*pick(rng, &required)];
                pairs.retain(|(name, _)| *name != field.name);
            }
            Defect::WrongType if !typed.is_empty() => {
                let field = &function.fields[*pick(rng, &typed)];
                let wrong = match field.kind {
                    FieldKind::Flag => pick(rng, NOT_FLAGS),
                    _ => pick(rng, NOT_INTEGERS),
                };
                for pair in pairs.iter_mut().filter(|(name, _)| *name == field.name) {
                    pair.1 = wrong.as_bytes().to_vec();
                }
            }
            Defect::MissingField | Defect::WrongType => defect = Defect::NotUtf8,
            _ => {}
        }
        let mut body = pairs
            .iter()
            .map(|(name, value)| format!("{}={}", escape(name.as_bytes()), escape(value)))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes();
        if matches!(defect, Defect::MissingField | Defect::WrongType) && (function.decodes)(&body) {
            // A `#[serde(default)]` field, or a duplicate that fixed what was broken.
            defect = Defect::NotUtf8;
        }
        match defect {
            Defect::NotUtf8 => {
                let at = rng.usize(..=body.len());
                const INVALID: [&[u8]; 4] = [b"\xff", b"\xc3\x28", b"\x80\x80", b"\xed\xa0\x80"];
                let invalid = *pick(rng, &INVALID);
                body.splice(at..at, invalid.iter().copied());
            }
            Defect::Oversized => {
                body.extend(b"&padding=");
                body.resize(body.len() + 2 * 1024 * 1024 + rng.usize(1..300_000), b'a');
            }
            _ => {}
        }

        let method = if defect == Defect::WrongMethod {
            pick(
                rng,
                &[
                    reqwest::Method::GET,
                    reqwest::Method::PUT,
                    reqwest::Method::DELETE,
                    reqwest::Method::PATCH,
                ],
            )
            .clone()
        } else {
            reqwest::Method::POST
        };
        let mut headers = Vec::new();
        match defect {
            Defect::ForeignOrigin => {
                if let Some(origin) = pick(
                    rng,
                    &[
                        Some("https://attaquant.example"),
                        Some("null"),
                        Some("http://127.0.0.1.attaquant.example"),
                        None,
                    ],
                ) {
                    headers.push(("origin", origin.as_bytes().to_vec()));
                }
            }
            _ => headers.push(("origin", self.origin.clone().into_bytes())),
        }
        // A browser's form post names its page; a forged one names another site, or nothing.
        if self.rng.bool() {
            let referer = if defect == Defect::ForeignOrigin {
                "https://attaquant.example/piege".to_owned()
            } else {
                format!("{}/accueil", self.origin)
            };
            headers.push(("referer", referer.into_bytes()));
        }
        let content_type = pick(
            &mut self.rng,
            &[
                Some("application/x-www-form-urlencoded"),
                Some("application/x-www-form-urlencoded"),
                Some("application/x-www-form-urlencoded; charset=latin1"),
                Some("application/json"),
                Some("multipart/form-data"),
                None,
            ],
        );
        if let Some(content_type) = content_type {
            headers.push(("content-type", content_type.as_bytes().to_vec()));
        }
        if let Some(accept) = self.accept() {
            headers.push(("accept", accept.as_bytes().to_vec()));
        }
        Planned {
            method,
            path: self.functions[index].path.to_owned(),
            headers,
            body: Some(body),
            must_refuse: true,
            sender: "",
        }
    }

    /// A page with garbage in its parameters or its query string, sometimes with a method it
    /// does not take.
    fn page_request(&mut self) -> Planned {
        let rng = &mut self.rng;
        let pattern = pick(rng, &self.pages).clone();
        let mut path = String::new();
        for segment in pattern.split('/').filter(|segment| !segment.is_empty()) {
            path.push('/');
            if segment.starts_with('{') || segment.starts_with(':') {
                path.push_str(pick::<&str>(rng, ODD_SEGMENTS));
            } else {
                path.push_str(segment);
            }
        }
        if path.is_empty() {
            path.push('/');
        }
        if rng.bool() {
            let names = [
                "vue", "du", "au", "ml", "id", "__err", "__path", "__sig", "q", "papier",
            ];
            let query = (0..rng.usize(1..5))
                .map(|_| format!("{}={}", pick(rng, &names), pick(rng, ODD_SEGMENTS)))
                .collect::<Vec<_>>()
                .join("&");
            path = format!("{path}?{query}");
        }
        let method = pick(
            rng,
            &[
                reqwest::Method::GET,
                reqwest::Method::GET,
                reqwest::Method::GET,
                reqwest::Method::HEAD,
                reqwest::Method::POST,
                reqwest::Method::DELETE,
            ],
        )
        .clone();
        let mut headers = vec![("origin", self.origin.clone().into_bytes())];
        if let Some(accept) = self.accept() {
            headers.push(("accept", accept.as_bytes().to_vec()));
        }
        let body = (method != reqwest::Method::GET && method != reqwest::Method::HEAD)
            .then(|| noise(&mut self.rng));
        Planned {
            method,
            path,
            headers,
            body,
            must_refuse: false,
            sender: "",
        }
    }

    /// The routes outside the Leptos app: files, feeds, exports, the paper-scan upload.
    fn route_request(&mut self) -> Planned {
        let rng = &mut self.rng;
        let odd = |rng: &mut fastrand::Rng| *pick(rng, ODD_SEGMENTS);
        let (method, path, body, content_type) = match rng.u8(0..8) {
            0 => (
                reqwest::Method::GET,
                format!("/calendrier/{}.ics", odd(rng)),
                None,
                None,
            ),
            1 => (
                reqwest::Method::GET,
                format!(
                    "/seances/{}/emargement/documents/{}",
                    odd(rng),
                    rng.u32(1..500)
                ),
                None,
                None,
            ),
            2 => (
                reqwest::Method::GET,
                format!("/seances/{}/emargement/a-signer.pdf", odd(rng)),
                None,
                None,
            ),
            3 => {
                // A scan form that is no valid upload: no boundary, a cut body, no file, or
                // a garbled path. Never a real PDF: nothing may be filed.
                let session = if rng.bool() {
                    odd(rng).to_owned()
                } else {
                    rng.u32(1..400).to_string()
                };
                let (content_type, body): (&str, Vec<u8>) = match rng.u8(0..4) {
                    0 => ("multipart/form-data", noise(rng)),
                    1 => (
                        "multipart/form-data; boundary=XyZ",
                        b"--XyZ\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 cut"
                            .to_vec(),
                    ),
                    2 => (
                        "multipart/form-data; boundary=XyZ",
                        b"--XyZ\r\nContent-Disposition: form-data; name=\"autre\"\r\n\r\nx\r\n--XyZ--\r\n"
                            .to_vec(),
                    ),
                    _ => ("application/x-www-form-urlencoded", noise(rng)),
                };
                (
                    reqwest::Method::POST,
                    format!("/seances/{session}/emargement/scan"),
                    Some(body),
                    Some(content_type),
                )
            }
            4 => (
                reqwest::Method::GET,
                format!(
                    "/chiffres/{}?du={}&au={}&ml={}",
                    pick(
                        rng,
                        &[
                            "participants.csv",
                            "presences.xlsx",
                            "participants.exe",
                            "x",
                            "%FF.csv"
                        ]
                    ),
                    odd(rng),
                    odd(rng),
                    odd(rng)
                ),
                None,
                None,
            ),
            5 => (
                reqwest::Method::GET,
                format!("/courriels/{}/eml", odd(rng)),
                None,
                None,
            ),
            6 => (
                pick(
                    rng,
                    &[
                        reqwest::Method::POST,
                        reqwest::Method::PUT,
                        reqwest::Method::DELETE,
                    ],
                )
                .clone(),
                "/healthz".to_owned(),
                Some(noise(rng)),
                None,
            ),
            _ => (
                reqwest::Method::GET,
                format!("/pkg/{}", odd(rng)),
                None,
                None,
            ),
        };
        let mut headers = vec![("origin", self.origin.clone().into_bytes())];
        if let Some(content_type) = content_type {
            headers.push(("content-type", content_type.as_bytes().to_vec()));
        }
        if let Some(accept) = self.accept() {
            headers.push(("accept", accept.as_bytes().to_vec()));
        }
        Planned {
            method,
            path,
            headers,
            body,
            must_refuse: false,
            sender: "",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What the answers must be.

/// Words of the frameworks' English rejections that must never reach a person.
const ENGLISH: &[&str] = &[
    "Failed to",
    "Invalid URL",
    "Cannot parse",
    "Could not find",
    "error running",
    "deserializ",
    "Method Not Allowed",
    "length limit",
    "Internal Server Error",
    "missing field",
    "Bad Request",
];

fn check_answer(
    planned: &Planned,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> Result<(), String> {
    let describe = || {
        format!(
            "{} {} as {} → {status} {}",
            planned.method,
            planned.path,
            planned.sender,
            String::from_utf8_lossy(&body[..body.len().min(300)])
        )
    };
    if status >= 500 {
        return Err(format!("a server error: {}", describe()));
    }
    if planned.must_refuse && (200..300).contains(&status) {
        return Err(format!("a malformed call succeeded: {}", describe()));
    }
    if status < 400 || planned.method == reqwest::Method::HEAD {
        return Ok(());
    }
    let text = String::from_utf8_lossy(body);
    let from_a_script = planned.path.starts_with("/api/")
        && !planned.headers.iter().any(|(name, value)| {
            *name == "accept" && String::from_utf8_lossy(value).contains("text/html")
        });
    if from_a_script {
        match serde_json::from_slice::<app::error::AppError>(body) {
            Ok(error) if !error.message().is_empty() => Ok(()),
            _ => Err(format!("a script got no JSON error: {}", describe())),
        }
    } else if let Some(english) = ENGLISH.iter().find(|english| text.contains(*english)) {
        Err(format!(
            "English text « {english} » for a person: {}",
            describe()
        ))
    } else if content_type.starts_with("text/html") && !text.contains("lang=\"fr\"") {
        Err(format!("a page that is not French: {}", describe()))
    } else if !looks_french(&text) {
        Err(format!("no French sentence: {}", describe()))
    } else {
        Ok(())
    }
}

/// A sentence in French: an accented letter, an apostrophe or a common French word.
fn looks_french(text: &str) -> bool {
    const WORDS: &[&str] = &[
        " pour ", "vous", " la ", " le ", " les ", " des ", " une ", " est ",
    ];
    text.chars().any(|c| "éèàêçôù'’".contains(c)) || WORDS.iter().any(|word| text.contains(word))
}

// ---------------------------------------------------------------------------------------------
// The database before and after.

/// The fingerprint once the workers have done what starting asked of them (the first pass of
/// reminders, the mail it queued).
async fn settled_fingerprint(db: &DatabaseConnection) -> BTreeMap<String, (i64, String)> {
    let mut previous = fingerprint(db).await;
    for _ in 0..60 {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let current = fingerprint(db).await;
        if current == previous {
            return current;
        }
        previous = current;
    }
    panic!("the database never settled after start-up");
}

// ---------------------------------------------------------------------------------------------

on_both_databases!(
    malformed_requests_are_refused_and_change_nothing,
    Seed::Empty,
    |app: TestApp| async move {
        let previous_hook = Arc::new(std::panic::take_hook());
        {
            let previous_hook = previous_hook.clone();
            std::panic::set_hook(Box::new(move |info| {
                PANICS.fetch_add(1, Ordering::SeqCst);
                previous_hook(info);
            }));
        }
        let count: usize = std::env::var("MALFORMED_REQUESTS")
            .ok()
            .and_then(|count| count.parse().ok())
            .unwrap_or(DEFAULT_REQUESTS);
        let seed: u64 = std::env::var("MALFORMED_SEED")
            .ok()
            .and_then(|seed| seed.parse().ok())
            .unwrap_or(DEFAULT_SEED);

        let senders = senders(&app).await;
        let pages: Vec<String> = leptos_axum::generate_route_list(app::App)
            .iter()
            .map(|route| route.path().to_owned())
            .collect();
        // A first visit may make something (the calendar feed of `/mon-agenda`): every page
        // without parameters is visited once by everyone before the database is read, so that
        // what changes after is what the malformed requests did.
        for sender in &senders {
            for page in pages.iter().filter(|page| !page.contains('{')) {
                let mut request = app.client.get(format!("{}{page}", app.address));
                if let Some(cookie) = sender.cookie() {
                    request = request.header(
                        "cookie",
                        reqwest::header::HeaderValue::from_bytes(&cookie).expect("a header"),
                    );
                }
                request.send().await.expect("the page answers");
            }
        }
        let before = settled_fingerprint(&app.db).await;

        let mut generator = Generator {
            rng: fastrand::Rng::with_seed(seed),
            functions: functions(),
            pages,
            senders,
            origin: app.address.clone(),
        };
        let plans: Vec<Planned> = (0..count).map(|_| generator.next()).collect();
        // A connection per request: one the server closed after a refusal is never reused.
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(0)
            .build()
            .expect("an HTTP client");
        let started = std::time::Instant::now();
        let answers: Vec<Result<u16, (u16, String)>> = futures::stream::iter(plans.iter())
            .map(|planned| {
                let client = client.clone();
                let address = app.address.clone();
                async move {
                    let mut request = client
                        .request(planned.method.clone(), format!("{address}{}", planned.path));
                    for (name, value) in &planned.headers {
                        request = request.header(
                            *name,
                            reqwest::header::HeaderValue::from_bytes(value).expect("a header"),
                        );
                    }
                    if let Some(body) = &planned.body {
                        request = request.body(body.clone());
                    }
                    let response = match request.send().await {
                        Ok(response) => response,
                        // A refusal decided before the body is read (a foreign origin, a wrong
                        // method, a visitor's upload) closes the connection; a body larger than
                        // the socket's buffers is then cut while it is being written, and its
                        // answer lost — as HTTP/1.1 allows. Anything smaller gets its answer.
                        Err(_)
                            if planned
                                .body
                                .as_ref()
                                .is_some_and(|body| body.len() > BUFFERED) =>
                        {
                            return Ok(NO_ANSWER);
                        }
                        Err(error) => {
                            return Err((
                                NO_ANSWER,
                                format!(
                                    "no answer to {} {}: {error:?}",
                                    planned.method, planned.path
                                ),
                            ));
                        }
                    };
                    let status = response.status().as_u16();
                    let content_type = response
                        .headers()
                        .get("content-type")
                        .and_then(|value| value.to_str().ok())
                        .unwrap_or_default()
                        .to_owned();
                    let body = response.bytes().await.unwrap_or_default();
                    check_answer(planned, status, &content_type, &body)
                        .map_err(|failure| (status, failure))?;
                    Ok(status)
                }
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
        let elapsed = started.elapsed();

        let mut mix: BTreeMap<u16, usize> = BTreeMap::new();
        let mut failures = Vec::new();
        for answer in answers {
            match answer {
                Ok(status) => *mix.entry(status).or_default() += 1,
                Err((status, failure)) => {
                    *mix.entry(status).or_default() += 1;
                    failures.push(failure);
                }
            }
        }
        println!(
            "{count} malformed requests (seed {seed}) in {:.1} s; statuses: {}",
            elapsed.as_secs_f64(),
            mix.iter()
                .map(|(status, n)| match *status {
                    NO_ANSWER => format!("no answer×{n}"),
                    status => format!("{status}×{n}"),
                })
                .collect::<Vec<_>>()
                .join(", ")
        );
        failures.sort();
        failures.dedup();
        // Two examples of each kind of failure on each path, not the same one fifteen times.
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        failures.retain(|failure| {
            let key: String = failure
                .split(" as ")
                .next()
                .unwrap_or_default()
                .chars()
                .take(70)
                .collect();
            let shown = seen.entry(key).or_default();
            *shown += 1;
            *shown <= 2
        });
        assert!(
            failures.is_empty(),
            "{} bad answers, e.g.:\n{}",
            failures.len(),
            failures
                .iter()
                .take(40)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a handler panicked");
        assert_eq!(app.get("/healthz").await.status(), 200);

        let after = fingerprint(&app.db).await;
        let changed: Vec<&String> = before
            .keys()
            .filter(|table| before.get(*table) != after.get(*table))
            .collect();
        assert!(changed.is_empty(), "tables changed: {changed:?}");
        assert_eq!(before.len(), after.len());
    }
);
