//! The SMS dispatcher: sends the SMS outbox (`shared::services::deliver_queued_sms`) through
//! the operator's SMPP gateway a pass every `interval`, or at once after a full batch, and
//! records what the gateway hears on its own (receipts, STOP), acknowledging each only once
//! it is recorded. One runs in each `ateliers serve`, or in `ateliers worker`; the outbox's
//! claims let several run at once. In the demo without `SMS_URL`, SMS go to a folder instead.

use std::time::Duration;

use sea_orm::DatabaseConnection;
use shared::services::{
    InboundOutcome, SmsInbound, SmsSender, deliver_queued_sms, record_sms_inbound,
};
use shared::sms::{InboundSms, LocalSmsFolder, SmppGateway, SmppSettings};
use tokio::sync::{mpsc, watch};

/// SMS one pass takes; a full pass is followed by another at once.
const BATCH: u64 = 50;

/// Where SMS go.
pub enum SmsRoute {
    Smpp(SmppSettings),
    /// The demo's folder of `.txt` files.
    Folder(LocalSmsFolder),
}

pub struct SmsPlan {
    pub route: SmsRoute,
    pub interval: Duration,
    pub clock: shared::clock::Clock,
}

/// Sends until `stop` turns true, then unbinds.
pub async fn run_sms_dispatcher(
    db: DatabaseConnection,
    plan: SmsPlan,
    stop: watch::Receiver<bool>,
    metrics: crate::metrics::Metrics,
) {
    let SmsPlan {
        route,
        interval,
        clock,
    } = plan;
    match route {
        SmsRoute::Smpp(settings) => {
            tracing::info!(address = %settings.address, "SMS dispatcher started (SMPP)");
            let (gateway, inbound) = SmppGateway::start(settings);
            let listening = tokio::spawn(record_inbound(db.clone(), inbound, clock.clone()));
            dispatch(&db, &gateway, interval, &clock, stop, &metrics).await;
            drop(gateway);
            let _ = tokio::time::timeout(Duration::from_secs(5), listening).await;
        }
        SmsRoute::Folder(folder) => {
            tracing::info!("SMS dispatcher started (demo folder)");
            dispatch(&db, &folder, interval, &clock, stop, &metrics).await;
        }
    }
    tracing::info!("SMS dispatcher stopped");
}

async fn dispatch(
    db: &DatabaseConnection,
    sender: &impl SmsSender,
    interval: Duration,
    clock: &shared::clock::Clock,
    mut stop: watch::Receiver<bool>,
    metrics: &crate::metrics::Metrics,
) {
    loop {
        let mut full_batch = false;
        match deliver_queued_sms(db, sender, clock.now(), BATCH).await {
            Ok(report) => {
                metrics.record_sms_pass(&report);
                let handled = report.sent + report.retried + report.set_aside;
                if handled > 0 {
                    tracing::info!(
                        sent = report.sent,
                        retried = report.retried,
                        set_aside = report.set_aside,
                        "SMS dispatched"
                    );
                }
                full_batch = handled as u64 >= BATCH && !report.gateway_down;
            }
            Err(error) => tracing::error!(%error, "SMS dispatcher pass failed"),
        }
        if *stop.borrow() {
            return;
        }
        if !full_batch {
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                _ = stop.changed() => return,
            }
        }
    }
}

/// A receipt can outrun the `submit_sm_resp` whose message id it names (the SMSC answers both
/// at once): one for an id not yet recorded is tried again this often, this many times.
const UNKNOWN_RECEIPT_PAUSE: Duration = Duration::from_millis(500);
const UNKNOWN_RECEIPT_TRIES: u32 = 6;

/// Records each receipt and reply, then acknowledges it; one that cannot be recorded now is
/// left unacknowledged, and the SMSC sends it again.
async fn record_inbound(
    db: DatabaseConnection,
    mut inbound: mpsc::Receiver<InboundSms>,
    clock: shared::clock::Clock,
) {
    while let Some(received) = inbound.recv().await {
        let (db, clock) = (db.clone(), clock.clone());
        tokio::spawn(async move {
            for attempt in 1..=UNKNOWN_RECEIPT_TRIES {
                match record_sms_inbound(&db, received.message.clone(), clock.now()).await {
                    Ok(InboundOutcome::Ignored)
                        if attempt < UNKNOWN_RECEIPT_TRIES
                            && matches!(received.message, SmsInbound::Receipt { .. }) =>
                    {
                        tokio::time::sleep(UNKNOWN_RECEIPT_PAUSE).await;
                    }
                    Ok(outcome) => {
                        tracing::debug!(?outcome, "SMS inbound recorded");
                        received.acknowledge();
                        return;
                    }
                    Err(error) => {
                        tracing::error!(%error, "SMS inbound not recorded: left to the SMSC");
                        return;
                    }
                }
            }
        });
    }
}
