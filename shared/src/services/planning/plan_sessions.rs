use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, PlanningRefusal, SessionForm, SessionId, SessionPlan, new_sessions};
use crate::entities::{workshop_series, workshop_session, workshop_type};
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::notifications::session_mail::{Occasion, send_session_mail};
use crate::services::planning::session_records::{
    audience_people, check_no_double_booking, check_people, record_change, reserve,
    set_planned_columns, write_planned_people,
};

/// Plans one session, or a series (*cycle*) whose every occurrence is a real session. Nothing
/// is written unless every occurrence passes: a clash on the fourth Tuesday refuses the whole
/// series, naming the other session. Returns the id of the first session.
pub async fn plan_sessions(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &SessionForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<SessionId, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let plan = SessionPlan::parse(
        form,
        now.with_timezone(&crate::domain::PARIS).naive_local(),
        true,
    )?;
    let workshop = workshop_type::Entity::find_by_id(plan.workshop_type_id)
        .one(db)
        .await?
        .filter(|workshop| workshop.archived_at.is_none())
        .ok_or_else(|| ServiceError::from(PlanningRefusal::WorkshopNotInCatalogue))?;
    check_people(db, &plan.counsellor_ids, &plan.facilitator_ids).await?;
    check_people(db, &audience_people(&plan.audience), &Default::default()).await?;

    let txn = begin_write(db).await?;
    let reserved = reserve(&txn, actor, &plan).await?;
    let planned = new_sessions(&plan);
    for session in &planned.sessions {
        let claim = reserved.claim(session.starts_at, session.ends_at);
        check_no_double_booking(&txn, &claim, &Default::default()).await?;
    }

    let series_id = if planned.is_series {
        Some(
            workshop_series::ActiveModel {
                first_day: Set(plan.series.first_day),
                every_weeks: Set(plan.series.every_weeks as i32),
                slots: Set(plan.series.slots as i32),
                created_by: Set(actor.person_id()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id,
        )
    } else {
        None
    };
    let mut first_id = None;
    for planned_session in planned.sessions {
        let mut row = workshop_session::ActiveModel {
            workshop_type_id: Set(workshop.id),
            series_id: Set(series_id),
            starts_at: Set(planned_session.starts_at),
            ends_at: Set(planned_session.ends_at),
            status: Set(planned.status),
            sequence: Set(0),
            cancellation_reason: Set(None),
            ..Default::default()
        };
        set_planned_columns(&mut row, &plan, &reserved);
        let id = row.insert(&txn).await?.id;
        write_planned_people(&txn, id, &plan).await?;
        let (event, summary) = (planned_session.event, planned_session.summary);
        record_change(&txn, id, actor.person_id(), &event, summary, now).await?;
        // A published session goes into its facilitators' and counsellors' calendars.
        send_session_mail(
            &txn,
            mail,
            id,
            &Occasion::SessionChanged {
                actor_id: actor.person_id(),
                what: &[],
                moves_attendees: false,
            },
            now,
        )
        .await?;
        first_id.get_or_insert(id);
    }
    txn.commit().await?;
    // A plan has at least one occurrence (`SessionPlan::parse` refuses an empty one).
    first_id.ok_or(ServiceError::NotFound)
}
