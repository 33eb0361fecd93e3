use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, AuditAction, CHANGES_SEPARATOR, DISABILITY_FLAG_CHANGED, EMAIL_CHANGED, ExitOutcome,
    Gender, JUSTICE_FLAG_CHANGED, PeopleRefusal, PersonId, YouthForm, YouthRecord, format_day,
};
use crate::entities::youth;
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;
use crate::services::people::people_records::{
    audit_and_commit, check_email_is_free, unique_violation,
};
use crate::services::people::retire_old_address::retire_old_address;
use crate::services::people::youth_files::{choose_referent, load_youth_for};

/// Saves the edit form of a youth's file and records what changed in the audit log. The
/// sensitive flags the editor may not see keep their value, whatever the form says; only the
/// referent and coordinators name another referent; a form filled from an older version of the
/// file is refused ([`PeopleRefusal::YouthChangedMeanwhile`]); a new address spends the old
/// one's links and sessions and tells it (see `retire_old_address`).
pub async fn update_youth(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    youth_id: PersonId,
    form: &YouthForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let loaded = load_youth_for(db, actor, youth_id).await?;
    if !actor.may_edit_youth(&loaded.file) {
        return Err(ServiceError::Forbidden);
    }
    if loaded.person.archived_at.is_some() {
        return Err(PeopleRefusal::YouthArchived.into());
    }
    let changed_meanwhile = || ServiceError::from(PeopleRefusal::YouthChangedMeanwhile);
    if form.version.trim().parse::<i32>().ok() != Some(loaded.youth.version) {
        return Err(changed_meanwhile());
    }
    let record = YouthRecord::parse(form)?;
    let referent = match form.referent_id.trim() {
        "" => None,
        same if same == loaded.youth.referent_id.to_string() => None,
        _ if !actor.may_change_referent(&loaded.file) => {
            return Err(PeopleRefusal::ReferentChangeNotAllowed.into());
        }
        other => Some(choose_referent(db, actor, other).await?),
    };
    let email = record.email.as_ref().map(|email| email.as_str().to_owned());
    check_email_is_free(db, email.as_deref(), Some(youth_id)).await?;
    let flags = actor.sensitive_flags_visible(&loaded.file);

    let mut changes = Vec::new();
    let mut note = |label: &str, before: String, after: String| {
        if before != after {
            changes.push(format!("{label} : {before} → {after}"));
        }
    };
    let phone = record
        .phone
        .as_ref()
        .map(|phone| phone.international().to_owned());
    let gender_label = |code: &str| {
        Gender::parse(code)
            .map(Gender::label)
            .unwrap_or(code)
            .to_owned()
    };
    let exit_label = |exit: Option<(chrono::NaiveDate, &str)>| match exit {
        None => "en parcours".to_owned(),
        Some((date, code)) => format!(
            "sortie le {} ({})",
            format_day(date),
            ExitOutcome::parse(code)
                .map(ExitOutcome::label)
                .unwrap_or(code)
        ),
    };
    let or_dash = |value: &Option<String>| value.clone().unwrap_or_else(|| "—".into());
    note(
        "prénom",
        loaded.person.first_name.clone(),
        record.first_name.as_str().into(),
    );
    note(
        "nom",
        loaded.person.last_name.clone(),
        record.last_name.as_str().into(),
    );
    note("téléphone", or_dash(&loaded.person.phone), or_dash(&phone));
    note(
        "date de naissance",
        format_day(loaded.youth.date_of_birth),
        format_day(record.date_of_birth),
    );
    note(
        "genre",
        gender_label(&loaded.youth.gender),
        record.gender.label().into(),
    );
    note(
        "entrée dans le programme",
        format_day(loaded.youth.programme_entry_date),
        format_day(record.programme_entry_date),
    );
    note(
        "parcours",
        exit_label(
            loaded
                .youth
                .programme_exit_date
                .zip(loaded.youth.exit_outcome.as_deref()),
        ),
        exit_label(
            record
                .programme_exit
                .map(|(date, outcome)| (date, outcome.code())),
        ),
    );
    if let Some(referent) = &referent {
        note(
            "référent·e",
            format!(
                "{} {}",
                loaded.referent.first_name, loaded.referent.last_name
            ),
            format!(
                "{} {}",
                referent.person.first_name, referent.person.last_name
            ),
        );
    }
    // Sensitive values are never copied into the log: only the fact that they changed.
    let disability = if flags.disability {
        record.disability_recognised
    } else {
        loaded.youth.disability_recognised
    };
    let judicial_supervision = if flags.judicial_supervision {
        record.judicial_supervision
    } else {
        loaded.youth.judicial_supervision
    };
    if disability != loaded.youth.disability_recognised {
        changes.push(DISABILITY_FLAG_CHANGED.into());
    }
    if judicial_supervision != loaded.youth.judicial_supervision {
        changes.push(JUSTICE_FLAG_CHANGED.into());
    }

    let txn = begin_write(db).await?;
    if retire_old_address(&txn, &loaded.person, email.as_deref(), mail, now).await? {
        changes.push(EMAIL_CHANGED.into());
    }
    if changes.is_empty() {
        return Ok(()); // nothing changed: nothing written, the version stays
    }
    // The file is still the version the form was filled from, or nothing is saved. On
    // PostgreSQL this also locks the row until the commit (SQLite holds the write lock).
    let bumped = youth::Entity::update_many()
        .col_expr(
            youth::Column::Version,
            Expr::col(youth::Column::Version).add(1),
        )
        .filter(youth::Column::PersonId.eq(youth_id))
        .filter(youth::Column::Version.eq(loaded.youth.version))
        .exec(&txn)
        .await?;
    if bumped.rows_affected != 1 {
        return Err(changed_meanwhile());
    }
    let mut person = loaded.person.into_active_model();
    person.first_name = Set(record.first_name.as_str().to_owned());
    person.last_name = Set(record.last_name.as_str().to_owned());
    person.email = Set(email);
    person.phone = Set(phone);
    person.update(&txn).await.map_err(unique_violation)?;
    let mut youth = loaded.youth.into_active_model();
    youth.date_of_birth = Set(record.date_of_birth);
    youth.gender = Set(record.gender.code().to_owned());
    youth.programme_entry_date = Set(record.programme_entry_date);
    youth.programme_exit_date = Set(record.programme_exit.map(|(date, _)| date));
    youth.exit_outcome = Set(record
        .programme_exit
        .map(|(_, outcome)| outcome.code().to_owned()));
    youth.disability_recognised = Set(disability);
    youth.judicial_supervision = Set(judicial_supervision);
    if let Some(referent) = &referent {
        youth.referent_id = Set(referent.person.id);
    }
    youth.update(&txn).await?;
    audit_and_commit(
        txn,
        actor.person_id(),
        AuditAction::YouthUpdated,
        youth_id,
        changes.join(CHANGES_SEPARATOR),
        now,
    )
    .await
}
