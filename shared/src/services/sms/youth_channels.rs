use crate::domain::PhoneNumber;
use crate::domain::sms::NoticeChannels;
use crate::entities::person;

/// Where a youth's notices go now, and the mobile an SMS would go to
/// (`NoticeChannels::for_youth` on what their file holds).
pub(crate) fn youth_channels(person: &person::Model) -> (NoticeChannels, Option<PhoneNumber>) {
    let mobile = person
        .phone
        .as_deref()
        .and_then(|phone| PhoneNumber::parse(phone).ok())
        .filter(PhoneNumber::is_mobile);
    let channels = NoticeChannels::for_youth(
        person.notice_channel,
        person.email.is_some(),
        mobile.is_some(),
        person.sms_stopped_at.is_some(),
    );
    (channels, mobile.filter(|_| channels.sms))
}
