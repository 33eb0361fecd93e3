//! What an email change does besides the change itself (shared by `update_youth`,
//! `update_facilitator` and `update_staff_member`; not a use case itself). An address typed
//! wrong sends a welcome link to a stranger, who could open the account for days: so the links
//! of the person are spent, their sessions end, and the old address is told, in the caller's
//! transaction with the change.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::entities::{person, sign_in_link};
use crate::mail::address_change_wording::address_change_notice_text;
use crate::services::MailSettings;
use crate::services::notifications::queue_mail::{MailAbout, mailbox_of, queue_text_about};
use crate::services::sign_in::identify_actor::revoke_sessions_of;

/// When `person` (as they were before the change) gets `new_email`: spends every unused link
/// they were sent (sign-in, welcome, password), ends every session, and queues a notice to the
/// old address when there was one. Returns whether the address changed, for the audit line
/// (which says so without naming either address). Run it on the transaction of the change.
pub(crate) async fn retire_old_address(
    txn: &impl ConnectionTrait,
    person: &person::Model,
    new_email: Option<&str>,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    if person.email.as_deref() == new_email {
        return Ok(false);
    }
    sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::UsedAt, Expr::value(Some(now)))
        .filter(sign_in_link::Column::PersonId.eq(person.id))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .exec(txn)
        .await?;
    revoke_sessions_of(txn, person.id, now).await?;
    if let Some(old) = mailbox_of(person) {
        queue_text_about(
            txn,
            mail,
            old,
            &address_change_notice_text(&person.first_name, &mail.footer),
            MailAbout {
                person_id: Some(person.id),
                session_id: None,
            },
            now,
        )
        .await?;
    }
    Ok(true)
}
