use std::net::IpAddr;

use chrono::{DateTime, Utc};
use qrcode::QrCode;
use qrcode::render::svg;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, AttendanceLineView, CHECK_IN_CODE_PERIOD_SECONDS, CheckInScreen, SessionId,
    check_in_open, check_in_window, half_day_at,
};
use crate::entities::attendance_sheet;
use crate::services::MailSettings;
use crate::services::attendance::attendance_records::{
    AttendanceSession, check_in_code, clock, lines_of, names_of, open_sheet, registered_youth_ids,
    sheet_of, sorted_by_name,
};
use crate::services::begin_write::begin_write;
use crate::services::sign_in::check_rate_limit::hashed_network;

/// The facilitator's check-in screen: the code of this 30-second window (and its QR code,
/// which opens the check-in page with the code filled in), and who has checked in. The
/// network the screen is shown from is recorded (hashed): a check-in from another one is
/// marked « autre réseau ».
pub async fn show_check_in_code<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    client_ip: Option<IpAddr>,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<CheckInScreen, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let session = AttendanceSession::load(db, session_id).await?;
    session.require_attendance_taker(actor)?;
    // The secret is made with the sheet, the first time a code is shown; the screen asks every
    // few seconds, so later calls only read.
    let sheet = match sheet_of(db, session_id).await? {
        Some(sheet) => sheet,
        None => {
            let txn = begin_write(db).await?;
            let sheet = open_sheet(&txn, session_id, now).await?;
            txn.commit().await?;
            sheet
        }
    };
    // Written only when the screen moves to another network, not at every refresh.
    if let Some(network) = client_ip.map(hashed_network)
        && sheet.screen_network.as_deref() != Some(network.as_str())
    {
        attendance_sheet::Entity::update_many()
            .col_expr(
                attendance_sheet::Column::ScreenNetwork,
                Expr::value(Some(network)),
            )
            .filter(attendance_sheet::Column::Id.eq(sheet.id))
            .exec(db)
            .await?;
    }

    let window = check_in_window(now);
    let code = check_in_code(&sheet.check_in_secret, session_id, window);
    let seconds_left =
        CHECK_IN_CODE_PERIOD_SECONDS - now.timestamp().rem_euclid(CHECK_IN_CODE_PERIOD_SECONDS);
    let check_in_url = format!(
        "{}/pointer?code={code}",
        mail.site_url.trim_end_matches('/')
    );
    let qr_svg = QrCode::new(check_in_url.as_bytes())
        .map(|qr| {
            qr.render::<svg::Color>()
                .min_dimensions(220, 220)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default();
    // The XML prolog is not allowed inside HTML.
    let qr_svg = match qr_svg.find("<svg") {
        Some(start) => qr_svg[start..].to_owned(),
        None => qr_svg,
    };

    // The half-day under way: its arrivals, its count.
    let halves = session.half_days();
    let half_day = half_day_at(&halves, now);
    let lines: Vec<_> = lines_of(db, session_id)
        .await?
        .into_iter()
        .filter(|line| line.half_day == half_day)
        .collect();
    let names = names_of(db, lines.iter().map(|line| line.youth_id)).await?;
    let mut to_confirm: Vec<AttendanceLineView> = lines
        .iter()
        .filter(|line| !line.confirmed)
        .map(|line| AttendanceLineView {
            youth_id: line.youth_id,
            name: names.get(&line.youth_id).cloned().unwrap_or_default(),
            status: Some(line.status),
            walk_in: line.walk_in,
            checked_in_at: line.checked_in_at.map(clock),
            confirmed: false,
            signed_at: line.signed_at.map(clock),
            checked_in_elsewhere: line.checked_in_elsewhere,
        })
        .collect();
    sorted_by_name(&mut to_confirm, |line| &line.name);
    let present = lines.iter().filter(|line| line.status.attended()).count();
    let expected = registered_youth_ids(db, session_id).await?.len();
    Ok(CheckInScreen {
        session_id,
        title: session.title.clone(),
        code,
        seconds_left: u32::try_from(seconds_left).unwrap_or(0),
        check_in_url,
        qr_svg,
        open: check_in_open(session.starts_at(), session.ends_at(), now),
        half_day,
        half_day_name: (halves.len() > 1).then(|| session.half_day_name(half_day)),
        to_confirm,
        present: u32::try_from(present).unwrap_or(u32::MAX),
        expected: u32::try_from(expected).unwrap_or(u32::MAX),
    })
}
