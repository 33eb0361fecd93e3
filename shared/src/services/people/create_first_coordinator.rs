use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{AuditAction, EmailAddress, PersonId, PersonName};
use crate::entities::{person, staff_member};
use crate::services::begin_write::begin_write;
use crate::services::people::youth_files::unique_violation;
use crate::services::{
    DatabaseContents, LinkMail, MailSettings, classify_database, issue_emailed_link,
    record_audit_event,
};

/// The coordinator the operator names on the command line (`ateliers create-coordinator`),
/// parsed by the domain's parsers.
#[derive(Clone, Debug)]
pub struct FirstCoordinator {
    pub email: EmailAddress,
    pub first_name: PersonName,
    pub last_name: PersonName,
}

/// What the command did. Only `Created` wrote anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FirstCoordinatorOutcome {
    /// The account exists, without a password; the link to choose one is in the outbox.
    Created { person_id: PersonId },
    /// A coordinator already has this address (the command ran before).
    AlreadyThere { person_id: PersonId },
    /// Someone else has this address: a youth, a facilitator, a counsellor, an archived account.
    AddressTaken,
    /// The database holds the demo, whose accounts have a published password.
    DemoDatabase,
}

/// Who the audit log names as having opened the account.
pub const CREATED_BY_COMMAND_LINE: &str = "ligne de commande (ateliers create-coordinator)";

/// Opens a coordinator account from the command line, where nobody is signed in yet (the first
/// account of a federation, without the demo): no password, and a mailed link to choose one —
/// the staff welcome link — queued in the same transaction. Running it again for the same
/// coordinator changes nothing.
pub async fn create_first_coordinator(
    db: &(impl ConnectionTrait + TransactionTrait),
    coordinator: &FirstCoordinator,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<FirstCoordinatorOutcome, ServiceError> {
    if classify_database(db).await? == DatabaseContents::Demo {
        return Ok(FirstCoordinatorOutcome::DemoDatabase);
    }
    let txn = begin_write(db).await?;
    let existing = person::Entity::find()
        .filter(person::Column::Email.eq(coordinator.email.as_str()))
        .one(&txn)
        .await?;
    if let Some(person) = existing {
        let staff = staff_member::Entity::find_by_id(person.id)
            .one(&txn)
            .await?;
        let coordinator_already =
            person.archived_at.is_none() && staff.is_some_and(|staff| staff.role == "coordinator");
        return Ok(if coordinator_already {
            FirstCoordinatorOutcome::AlreadyThere {
                person_id: person.id,
            }
        } else {
            FirstCoordinatorOutcome::AddressTaken
        });
    }
    let person = person::ActiveModel {
        first_name: Set(coordinator.first_name.as_str().to_owned()),
        last_name: Set(coordinator.last_name.as_str().to_owned()),
        email: Set(Some(coordinator.email.as_str().to_owned())),
        phone: Set(None),
        created_at: Set(now),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_violation)?;
    staff_member::ActiveModel {
        person_id: Set(person.id),
        role: Set("coordinator".to_owned()),
        mission_locale_id: Set(None),
        disability_specialist: Set(false),
        justice_specialist: Set(false),
        password_hash: Set(None),
    }
    .insert(&txn)
    .await?;
    record_audit_event(
        &txn,
        None,
        AuditAction::StaffCreated,
        Some(person.id.get()),
        CREATED_BY_COMMAND_LINE,
        None,
        now,
    )
    .await?;
    issue_emailed_link(
        &txn,
        &person,
        LinkMail::WelcomeStaff {
            coordinator: "L'équipe qui installe Ateliers pour la fédération".to_owned(),
        },
        mail,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(FirstCoordinatorOutcome::Created {
        person_id: person.id,
    })
}
