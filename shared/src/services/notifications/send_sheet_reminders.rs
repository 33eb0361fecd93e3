use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{PersonId, SessionId, SessionStatus};
use crate::entities::{person, session_counsellor, sheet_reminder, workshop_session};
use crate::mail::sheet_reminder_wording::{SheetDue, sheet_reminder_text};
use crate::services::MailSettings;
use crate::services::attendance::list_sheets_to_close::{
    describe_sheets_to_close, sheet_not_closed,
};
use crate::services::begin_write::begin_write;
use crate::services::notifications::batch_records::{Batch, record_batch, try_until_settled};
use crate::services::notifications::queue_mail::{MailAbout, mailbox_of, queue_text_about};

/// The default for `SHEET_REMINDER_HOURS`: the day after the session, while memories are fresh
/// and the paper sheet, if any, is still on the desk.
pub const DEFAULT_SHEET_REMINDER_HOURS: u32 = 24;

/// What a pass of [`send_sheet_reminders`] queued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SheetRemindersQueued {
    /// One per counsellor told.
    pub mails: usize,
    /// The (session, counsellor) pairs those mails name, each recorded as reminded.
    pub sessions: usize,
}

/// Reminds each counsellor who runs a published session ended `delay_hours` or more ago whose
/// attendance sheet is still not closed (the list « Émargements à clôturer »), in one mail per
/// pass listing all their sessions newly due, oldest first. Once per session and counsellor:
/// each is recorded in `sheet_reminders` (unique) in the same transaction as the mail that names
/// it, so several workers running at once name it in one mail only. `delay_hours` at zero turns
/// the reminders off.
pub async fn send_sheet_reminders<C>(
    db: &C,
    mail: &MailSettings,
    delay_hours: u32,
    now: DateTime<Utc>,
) -> Result<SheetRemindersQueued, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let mut queued = SheetRemindersQueued::default();
    if delay_hours == 0 {
        return Ok(queued);
    }
    let ended_by = now - Duration::hours(i64::from(delay_hours));
    let due: Vec<SessionId> = workshop_session::Entity::find()
        .select_only()
        .column(workshop_session::Column::Id)
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
        .filter(workshop_session::Column::EndsAt.lte(ended_by))
        .filter(sheet_not_closed())
        .into_tuple()
        .all(db)
        .await?;
    if due.is_empty() {
        return Ok(queued);
    }
    // Leave out the pairs already reminded before taking any lock: most passes find nothing new.
    let mut by_counsellor: BTreeMap<PersonId, Vec<SessionId>> = BTreeMap::new();
    for chunk in due.chunks(500) {
        let already = reminded(db, chunk).await?;
        for run in session_counsellor::Entity::find()
            .filter(session_counsellor::Column::SessionId.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            if !already.contains(&(run.session_id, run.person_id)) {
                by_counsellor
                    .entry(run.person_id)
                    .or_default()
                    .push(run.session_id);
            }
        }
    }

    for (counsellor_id, session_ids) in by_counsellor {
        let remind = || {
            remind_counsellor(
                db,
                mail,
                counsellor_id,
                &session_ids,
                delay_hours,
                ended_by,
                now,
            )
        };
        if let Some(sessions) = try_until_settled(session_ids.len(), remind).await? {
            queued.mails += 1;
            queued.sessions += sessions;
        }
    }
    Ok(queued)
}

/// In one transaction: reads again which of `session_ids` the counsellor still runs and are
/// still due (a sheet may have been closed, a session cancelled or moved, a counsellor taken off
/// it, or another worker may have reminded meanwhile), queues one mail naming them all, and
/// records each with that mail. Should a record already exist (another worker, between our read
/// and our insert), everything is rolled back, so that no mail names a session another one names.
async fn remind_counsellor<C>(
    db: &C,
    mail: &MailSettings,
    counsellor_id: PersonId,
    session_ids: &[SessionId],
    delay_hours: u32,
    ended_by: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Batch, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = begin_write(db).await?;
    let Some(counsellor) = person::Entity::find_by_id(counsellor_id)
        .filter(person::Column::ArchivedAt.is_null())
        .one(&txn)
        .await?
    else {
        return Ok(Batch::Nothing);
    };
    // Without an address nothing is recorded, so the reminder goes once they have one.
    let Some(to) = mailbox_of(&counsellor) else {
        return Ok(Batch::Nothing);
    };

    let mut sessions = Vec::with_capacity(session_ids.len());
    for chunk in session_ids.chunks(500) {
        let already = reminded(&txn, chunk).await?;
        sessions.extend(
            workshop_session::Entity::find()
                .filter(workshop_session::Column::Id.is_in(chunk.iter().copied()))
                .filter(
                    Expr::col((workshop_session::Entity, workshop_session::Column::Id))
                        .in_subquery(
                            Query::select()
                                .column(session_counsellor::Column::SessionId)
                                .from(session_counsellor::Entity)
                                .and_where(session_counsellor::Column::PersonId.eq(counsellor_id))
                                .to_owned(),
                        ),
                )
                .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
                .filter(workshop_session::Column::EndsAt.lte(ended_by))
                .filter(sheet_not_closed())
                .all(&txn)
                .await?
                .into_iter()
                .filter(|session| !already.contains(&(session.id, counsellor_id))),
        );
    }
    if sessions.is_empty() {
        return Ok(Batch::Nothing);
    }
    sessions.sort_by_key(|session| (session.starts_at, session.id));
    let mut ids: Vec<SessionId> = sessions.iter().map(|session| session.id).collect();
    let listed: Vec<SheetDue> = describe_sheets_to_close(&txn, sessions, now)
        .await?
        .into_iter()
        .map(|sheet| SheetDue {
            roll_call_url: format!("{}/seances/{}/emargement", mail.site_url, sheet.session_id),
            sheet,
        })
        .collect();
    let text = sheet_reminder_text(
        &counsellor.first_name,
        &listed,
        delay_hours,
        &format!("{}/emargements", mail.site_url),
        &mail.footer,
    );
    // Filed under the oldest session it names: among undelivered mail, its staff see it.
    let mail_id = queue_text_about(
        &txn,
        mail,
        to,
        &text,
        MailAbout {
            person_id: Some(counsellor_id),
            session_id: Some(ids[0]),
        },
        now,
    )
    .await?;
    // In the order of the sessions' ids (see `record_batch`).
    ids.sort_unstable();
    let rows = ids
        .iter()
        .map(|session_id| sheet_reminder::ActiveModel {
            session_id: sea_orm::Set(*session_id),
            counsellor_id: sea_orm::Set(counsellor_id),
            delay_hours: sea_orm::Set(i32::try_from(delay_hours).unwrap_or(i32::MAX)),
            mail_id: sea_orm::Set(mail_id),
            queued_at: sea_orm::Set(now),
            ..Default::default()
        })
        .collect();
    let unique = [
        sheet_reminder::Column::SessionId,
        sheet_reminder::Column::CounsellorId,
    ];
    record_batch(txn, rows, unique).await
}

/// The (session, counsellor) pairs already reminded, among the sessions `session_ids`.
async fn reminded(
    db: &impl ConnectionTrait,
    session_ids: &[SessionId],
) -> Result<HashSet<(SessionId, PersonId)>, ServiceError> {
    Ok(sheet_reminder::Entity::find()
        .filter(sheet_reminder::Column::SessionId.is_in(session_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|reminder| (reminder.session_id, reminder.counsellor_id))
        .collect())
}
