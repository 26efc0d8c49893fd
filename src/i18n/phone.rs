//! Texts of the page a participant's phone shows in *eigen telefoon* mode: waiting, the
//! ballot, "je stem is ontvangen", "kijk naar het scherm", and the refusals.

use super::Lang;

/// Fixed texts of the phone page in one language.
#[allow(missing_docs)]
#[derive(Debug)]
pub struct PhoneText {
    pub lang: Lang,
    /// The `lang` attribute of the page.
    pub html_lang: &'static str,
    pub page_title: &'static str,
    pub waiting_title: &'static str,
    pub waiting_text: &'static str,
    pub vote_intro: &'static str,
    pub option_label: &'static str,
    pub vote_button: &'static str,
    pub change_button: &'static str,
    pub received_title: &'static str,
    pub received_text: &'static str,
    pub your_choice: &'static str,
    pub late_title: &'static str,
    pub late_text: &'static str,
    pub look_title: &'static str,
    pub look_text: &'static str,
    pub ended_title: &'static str,
    pub ended_text: &'static str,
    pub full_title: &'static str,
    pub full_text: &'static str,
    pub slow_title: &'static str,
    pub slow_text: &'static str,
    pub unknown_title: &'static str,
    pub unknown_text: &'static str,
    pub no_device_title: &'static str,
    pub no_device_text: &'static str,
    pub closed_text: &'static str,
    pub choose_first: &'static str,
    pub offline: &'static str,
    pub sending: &'static str,
    pub refreshes: &'static str,
    pub privacy: &'static str,
}

/// Dutch.
pub static NL: PhoneText = PhoneText {
    lang: Lang::Nl,
    html_lang: "nl",
    page_title: "Stemmen – wikken",
    waiting_title: "Even wachten",
    waiting_text: "Je bent verbonden. De stemming begint zodra de begeleider zover is; deze pagina gaat dan vanzelf verder.",
    vote_intro: "Kies de werkwijze die jij zou volgen. Niemand ziet wat jij kiest.",
    option_label: "Werkwijze",
    vote_button: "Stem",
    change_button: "Stem wijzigen",
    received_title: "Je stem is ontvangen",
    received_text: "Je kunt je stem wijzigen tot de begeleider de verdeling laat zien.",
    your_choice: "Jouw keuze",
    late_title: "Je stemt mee vanaf de volgende ronde",
    late_text: "Deze stemming was al begonnen toen je binnenkwam. Kijk mee op het scherm.",
    look_title: "Kijk naar het scherm",
    look_text: "De begeleider laat de verdeling zien. Bij een nieuwe stemming gaat deze pagina vanzelf verder.",
    ended_title: "De sessie is afgelopen",
    ended_text: "Bedankt voor het meedoen. Je kunt deze pagina sluiten.",
    full_title: "De sessie is vol",
    full_text: "Er zijn al te veel telefoons verbonden. Vraag de begeleider om hulp.",
    slow_title: "Even geduld",
    slow_text: "Te veel verzoeken tegelijk. Probeer het over een paar seconden opnieuw.",
    unknown_title: "Onbekende sessie",
    unknown_text: "Dit adres hoort bij geen sessie op deze laptop. Kijk op het scherm voor het juiste adres en de code.",
    no_device_title: "Open eerst de stempagina",
    no_device_text: "Open het adres van het scherm opnieuw. Cookies moeten aan staan: zo herkent de laptop je telefoon, zonder naam.",
    closed_text: "Deze stemming is al gesloten; je stem is niet meegeteld.",
    choose_first: "Kies eerst een werkwijze.",
    offline: "Geen verbinding met de laptop. Controleer of je op hetzelfde wifi-netwerk zit en probeer het opnieuw.",
    sending: "Je stem wordt verstuurd…",
    refreshes: "Deze pagina ververst elke paar seconden.",
    privacy: "Je stem blijft op de laptop van de begeleider en gaat zonder naam de pool in. Geen account, geen internet.",
};

/// English.
pub static EN: PhoneText = PhoneText {
    lang: Lang::En,
    html_lang: "en",
    page_title: "Voting – wikken",
    waiting_title: "Please wait",
    waiting_text: "You are connected. Voting starts as soon as the facilitator is ready; this page then moves on by itself.",
    vote_intro: "Choose the option you would follow. Nobody sees what you choose.",
    option_label: "Option",
    vote_button: "Vote",
    change_button: "Change my vote",
    received_title: "Your vote has been received",
    received_text: "You can change your vote until the facilitator shows the distribution.",
    your_choice: "Your choice",
    late_title: "You vote from the next round on",
    late_text: "This vote had already begun when you joined. Follow along on the screen.",
    look_title: "Look at the screen",
    look_text: "The facilitator is showing the distribution. When a new vote starts, this page moves on by itself.",
    ended_title: "The session has ended",
    ended_text: "Thank you for taking part. You can close this page.",
    full_title: "The session is full",
    full_text: "Too many phones are connected already. Ask the facilitator for help.",
    slow_title: "One moment",
    slow_text: "Too many requests at once. Try again in a few seconds.",
    unknown_title: "Unknown session",
    unknown_text: "This address belongs to no session on this laptop. Check the screen for the right address and code.",
    no_device_title: "Open the voting page first",
    no_device_text: "Open the address on the screen again. Cookies must be on: that is how the laptop recognises your phone, without a name.",
    closed_text: "This vote is already closed; your vote was not counted.",
    choose_first: "Choose an option first.",
    offline: "No connection to the laptop. Check that you are on the same Wi-Fi network and try again.",
    sending: "Sending your vote…",
    refreshes: "This page refreshes every few seconds.",
    privacy: "Your vote stays on the facilitator's laptop and enters the pool without a name. No account, no internet.",
};

impl Lang {
    /// The phone page's texts in this language.
    pub fn phone(self) -> &'static PhoneText {
        self.pick(&NL, &EN)
    }
}
