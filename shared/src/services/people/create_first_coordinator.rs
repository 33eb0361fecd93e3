use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};

use crate::ServiceError;
use crate::domain::{AuditAction, EmailAddress, PersonId, PersonName, StaffRecord};
use crate::entities::{person, staff_member};
use crate::services::begin_write::begin_write;
use crate::services::people::people_records::{audit_and_commit, insert_staff_account};
use crate::services::{
    DatabaseContents, LinkMail, MailSettings, classify_database, issue_emailed_link,
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
    let account = StaffRecord {
        first_name: coordinator.first_name.clone(),
        last_name: coordinator.last_name.clone(),
        email: coordinator.email.clone(),
        mission_locale_id: None,
        disability_specialist: false,
        justice_specialist: false,
    };
    let person = insert_staff_account(&txn, &account, now).await?;
    let welcome = LinkMail::WelcomeStaff {
        coordinator: "L'équipe qui installe Ateliers pour la fédération".to_owned(),
    };
    issue_emailed_link(&txn, &person, welcome, mail, now).await?;
    audit_and_commit(
        txn,
        None,
        AuditAction::StaffCreated,
        person.id,
        CREATED_BY_COMMAND_LINE,
        now,
    )
    .await?;
    Ok(FirstCoordinatorOutcome::Created {
        person_id: person.id,
    })
}
