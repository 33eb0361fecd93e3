use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, EditScope, PlanningRefusal, SessionEditor, SessionForm, SessionId, SessionPlan,
    SessionStatus,
};
use crate::entities::workshop_session;
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::{ByStaff, lock_roster, set_capacity_by_staff};
use crate::services::notifications::session_mail::{Occasion, send_session_mail};
use crate::services::planning::session_records::{
    SessionBundle, audience_people, check_no_double_booking, check_people, edit_names, load_bundle,
    load_bundles, record_change, reserve, set_planned_columns, write_planned_people,
};

/// Changes a session, or with `scope` this one and the following ones of its series, or the
/// whole series (those not started and not cancelled). For several sessions, the form's day
/// shifts each by the same number of days and its times apply to all. Every change is recorded
/// in the history as a domain event; changes attendees must hear about raise the iCalendar
/// SEQUENCE. Nothing is written unless every session passes.
pub async fn update_session(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    session_id: SessionId,
    form: &SessionForm,
    scope: EditScope,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let edited = load_bundle(db, session_id).await?;
    if !actor.may_plan_for(edited.session.mission_locale_id) {
        return Err(ServiceError::Forbidden);
    }
    if edited.status() == SessionStatus::Cancelled {
        return Err(PlanningRefusal::CancelledCannotBeEdited.into());
    }
    if edited.session.starts_at <= now {
        return Err(PlanningRefusal::StartedCannotBeEdited.into());
    }
    let mut form = form.clone();
    // The workshop of a session never changes: it would be another session.
    form.workshop_type_id = edited.session.workshop_type_id.to_string();
    let plan = SessionPlan::parse(
        &form,
        now.with_timezone(&crate::domain::PARIS).naive_local(),
        false,
    )?;
    check_people(db, &plan.counsellor_ids, &plan.facilitator_ids).await?;
    check_people(db, &audience_people(&plan.audience), &Default::default()).await?;

    let txn = begin_write(db).await?;
    let reserved = reserve(&txn, actor, &plan).await?;
    let targets = targets(&txn, &edited, scope, now).await?;
    let moving_together: BTreeSet<SessionId> =
        targets.iter().map(|bundle| bundle.session.id).collect();
    let names = edit_names(&txn, &targets, &plan).await?;
    let editor = SessionEditor::new(&plan, edited.session.starts_at, now);

    for target in &targets {
        let edit = editor.edit(&target.stored(), &names)?;
        let claim = reserved.claim(edit.starts_at, edit.ends_at);
        check_no_double_booking(&txn, &claim, &moving_together).await?;
        if edit.changes_nothing() {
            continue;
        }
        if edit.changes_capacity {
            // Through the roster: never below the youths registered; raised seats go to the
            // waiting list first.
            let mut locked = lock_roster(&txn, target.session.id).await?;
            let promote = plan.place_rules.promotes_automatically(edit.starts_at, now);
            set_capacity_by_staff(
                &txn,
                &mut locked,
                plan.capacity,
                promote,
                ByStaff {
                    actor_id: actor.person_id(),
                    mail,
                },
                |refusal| {
                    PlanningRefusal::CapacityRefused {
                        starts_at: target.session.starts_at,
                        refusal,
                    }
                    .into()
                },
                now,
            )
            .await?;
        }

        let mut row = target.session.clone().into_active_model();
        row.starts_at = Set(edit.starts_at);
        row.ends_at = Set(edit.ends_at);
        set_planned_columns(&mut row, &plan, &reserved);
        if edit.publishes {
            row.status = Set(SessionStatus::Published);
        }
        if edit.raises_sequence() {
            row.sequence = Set(target.session.sequence + 1);
        }
        row.update(&txn).await?;
        let id = target.session.id;
        write_planned_people(&txn, id, &plan).await?;
        let what = edit.news();
        let moves_attendees = edit
            .changes
            .iter()
            .any(|(change, _)| change.moves_attendees());
        for (change, summary) in edit.changes {
            record_change(&txn, id, actor.person_id(), &change, summary, now).await?;
        }
        send_session_mail(
            &txn,
            mail,
            id,
            &Occasion::SessionChanged {
                actor_id: actor.person_id(),
                what: &what,
                moves_attendees,
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The sessions an edit or a cancellation of `edited` applies to: never one that has started
/// or was cancelled.
pub(crate) async fn targets(
    db: &impl ConnectionTrait,
    edited: &SessionBundle,
    scope: EditScope,
    now: DateTime<Utc>,
) -> Result<Vec<SessionBundle>, ServiceError> {
    let (Some(series_id), Some(from)) = (
        edited.session.series_id,
        scope.series_from(edited.session.starts_at, now),
    ) else {
        return load_bundles(db, vec![edited.session.clone()]).await;
    };
    let sessions = workshop_session::Entity::find()
        .filter(workshop_session::Column::SeriesId.eq(series_id))
        .filter(workshop_session::Column::StartsAt.gte(from))
        .filter(workshop_session::Column::Status.ne(SessionStatus::Cancelled))
        .order_by_asc(workshop_session::Column::StartsAt)
        .all(db)
        .await?;
    load_bundles(db, sessions).await
}
