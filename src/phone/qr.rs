//! The join address as a QR code: a square of dark and light modules, for the trainer to
//! draw (the drawing is the terminal's business, not this module's).

use qrcode::{Color, EcLevel, QrCode};

use super::PhoneError;

/// A QR code's modules, row by row, without the quiet zone around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// Encodes `text` with error correction level M (15 %: a smudge on the projector
    /// screen or a low angle still scans) in the smallest version that holds it; a join
    /// address (`http://` an IPv4 address, a port, `/j/` and a code) needs version 3,
    /// 29 modules square.
    pub fn encode(text: &str) -> Result<QrMatrix, PhoneError> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|_| PhoneError::QrTooLong)?;
        let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
        Ok(QrMatrix { width: code.width(), dark })
    }

    /// The code of a join address, in capitals: `HTTP://10.0.0.2:8080/J/K7QF3M` holds only
    /// characters of the QR code's alphanumeric mode, which packs them in 5.5 bits instead
    /// of 8, so any IPv4 join address fits version 2 (25 modules a side, not 29). Scheme
    /// and host are case-blind, and the server sends `/J/CODE` on to `/j/CODE`.
    pub fn for_url(url: &str) -> Result<QrMatrix, PhoneError> {
        QrMatrix::encode(&url.to_ascii_uppercase())
    }

    /// Modules per side.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark; outside the code it is light
    /// (the quiet zone).
    pub fn dark(&self, x: isize, y: isize) -> bool {
        let w = self.width as isize;
        (0..w).contains(&x) && (0..w).contains(&y) && self.dark[(y * w + x) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_join_address_fits_version_2_in_capitals() {
        let url = "http://255.255.255.255:65535/j/ABCDEF";
        assert_eq!(QrMatrix::encode(url).expect("encodes").width(), 29, "lower case: version 3");
        let m = QrMatrix::for_url(url).expect("encodes");
        assert_eq!(m.width(), 25);
        // The finder pattern's corner is dark, the quiet zone light.
        assert!(m.dark(0, 0) && !m.dark(-1, 0) && !m.dark(25, 25));
    }
}
