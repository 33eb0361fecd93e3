use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{Actor, FailedMail};
use crate::entities::mail_outbox;
use crate::services::access_guard::require;
use crate::services::notifications::resend_failed_mail::may_see;

/// The messages set aside after failing (a refused address, too many tries), newest first, for
/// a counsellor to correct the address and resend. Coordinators see them all; a counsellor those
/// about their Mission Locale's youths and staff and the facilitators they keep, none about an
/// archived person or about no one (see `Actor::may_see_mail_about`).
pub async fn list_failed_mail(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<FailedMail>, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let rows = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::FailedAt.is_not_null())
        .filter(mail_outbox::Column::SentAt.is_null())
        .order_by_desc(mail_outbox::Column::FailedAt)
        .all(db)
        .await?;
    let mut visible = Vec::with_capacity(rows.len());
    for row in rows {
        if may_see(db, actor, row.person_id).await? {
            visible.push(row);
        }
    }
    Ok(visible
        .into_iter()
        .filter_map(|row| {
            Some(FailedMail {
                id: row.id,
                to: row.envelope_to,
                subject: decoded_subject(&row.subject),
                attempts: row.attempts,
                failed_at: row.failed_at?,
                error: row.last_error.unwrap_or_default(),
                session_id: row.session_id,
            })
        })
        .collect())
}

/// Subjects are stored as sent: RFC 2047 encoded words when they hold accents.
fn decoded_subject(raw: &str) -> String {
    let header = format!("Subject: {raw}\r\n\r\n");
    mail_parser::MessageParser::default()
        .parse_headers(header.as_bytes())
        .and_then(|message| message.subject().map(str::to_owned))
        .unwrap_or_else(|| raw.to_owned())
}
