//! Packets: the sync messages carried on a USB stick instead of over HTTPS, encrypted to their
//! recipient and signed by their sender, so a lost stick exposes nothing and a changed byte is
//! refused.
//!
//! # Design
//! A packet file is one JSON document: a cleartext **manifest** (format and version, the packet's
//! id, sender and recipient by id only, the office, the range of sequences it carries, the
//! SHA-256 of its content, the ephemeral X25519 key and the nonce), the **ciphertext** of the
//! content, and the sender's Ed25519 **signature** over the manifest and the ciphertext.
//! - Encryption: an ephemeral X25519 key agreed with the recipient's X25519 key (made at
//!   enrolment, apart from its signing key), HKDF-SHA256 over the shared secret and both public
//!   keys, ChaCha20-Poly1305 with the manifest as associated data.
//! - Opening checks, in order: the format, the recipient (a packet for another device or centre
//!   is refused without trying it), the sender's signature (an unknown sender is refused), then
//!   decryption and the content's hash. Exactly-once is not this module's: the content is the
//!   same push, pull and reference messages as over HTTP, applied by the same code, so a replayed
//!   packet changes nothing and one out of order is refused by its sequence range.

use crate::sha256_hex;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use curve25519_dalek::montgomery::MontgomeryPoint;
use data_encoding::BASE64;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use hkdf::Hkdf;
use otau_core::Coded;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The format name in every manifest.
pub const FORMAT: &str = "otau-packet";
/// The version of the packet format this build writes and reads.
pub const VERSION: u32 = 1;

/// Who sends or receives a packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// An office device.
    Device,
    /// The centre.
    Centre,
}

/// A sender or recipient, by id only (the manifest names nobody).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Device or centre.
    pub kind: PartyKind,
    /// Its id.
    pub id: Uuid,
}

/// What a packet carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PacketKind {
    /// A device's events, acknowledgements and cursor, for the centre.
    FromDevice,
    /// The office's events, reference data and numbers, for a device.
    FromCentre,
    /// A device's enrolment request, answering an invitation.
    Enrolment,
}

/// The cleartext part of a packet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// The packet format's version.
    pub version: u32,
    /// What it carries.
    pub kind: PacketKind,
    /// Its id (a packet imported twice is the same packet).
    pub packet_id: Uuid,
    /// Who made it.
    pub sender: Party,
    /// Who can open it.
    pub recipient: Party,
    /// The office code.
    pub office: String,
    /// The first sequence it carries (device sequence from a device, the office's server
    /// sequence from the centre), and the cursor it follows.
    pub first: i64,
    /// The last sequence it carries.
    pub last: i64,
    /// SHA-256 of the content (hex).
    pub content_sha256: String,
    /// The ephemeral X25519 public key (hex).
    pub ephemeral: String,
    /// The nonce (hex).
    pub nonce: String,
}

/// A packet file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packet {
    /// The cleartext manifest.
    pub manifest: Manifest,
    /// The content, encrypted (base64).
    pub ciphertext: String,
    /// The sender's Ed25519 signature over the manifest's canonical JSON and the ciphertext (hex).
    pub signature: String,
}

/// Why a packet is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PacketError {
    /// Not a packet file, or a format or version this build does not read.
    #[error("not an Otau packet this build can read: {reason}")]
    Unreadable {
        /// What is wrong.
        reason: String,
    },
    /// For another device or centre.
    #[error("the packet is for another recipient ({recipient})")]
    Misaddressed {
        /// Who it is for.
        recipient: String,
    },
    /// From a sender this recipient does not know.
    #[error("the packet comes from an unknown sender ({sender})")]
    UnknownSender {
        /// Who it claims to be from.
        sender: String,
    },
    /// A signature, the encryption or the content's hash does not hold: changed or truncated.
    #[error("the packet was changed or cut short")]
    Tampered,
    /// Imported before: nothing changes.
    #[error("the packet was imported already, on {at}")]
    Replayed {
        /// When it was imported.
        at: String,
    },
    /// Its sequences do not follow what the recipient holds (an earlier packet is missing).
    #[error(
        "the packet starts after {first}, but {expected} is held: import the earlier packet first"
    )]
    OutOfOrder {
        /// Where it starts.
        first: i64,
        /// What the recipient holds.
        expected: i64,
    },
}

impl Coded for PacketError {
    fn code(&self) -> &'static str {
        match self {
            PacketError::Unreadable { .. } => "packet-unreadable",
            PacketError::Misaddressed { .. } => "packet-misaddressed",
            PacketError::UnknownSender { .. } => "packet-unknown-sender",
            PacketError::Tampered => "packet-tampered",
            PacketError::OutOfOrder { .. } => "packet-out-of-order",
            PacketError::Replayed { .. } => "packet-replayed",
        }
    }

    fn args(&self) -> BTreeMap<String, String> {
        let mut a = BTreeMap::new();
        match self {
            PacketError::Unreadable { reason } => {
                a.insert("reason".into(), reason.clone());
            }
            PacketError::Misaddressed { recipient } => {
                a.insert("recipient".into(), recipient.clone());
            }
            PacketError::UnknownSender { sender } => {
                a.insert("sender".into(), sender.clone());
            }
            PacketError::Tampered => {}
            PacketError::Replayed { at } => {
                a.insert("at".into(), at.clone());
            }
            PacketError::OutOfOrder { first, expected } => {
                a.insert("first".into(), first.to_string());
                a.insert("expected".into(), expected.to_string());
            }
        }
        a
    }
}

/// The X25519 key a party opens packets with: the X25519 form of its Ed25519 key (the device
/// key of a device, the centre's key), so no second key has to be made, kept and registered.
/// Using one key pair for Ed25519 signatures and an X25519 KEM is proven safe by Thormarker,
/// "On using the same key pair for Ed25519 and an X25519 based KEM" (ePrint 2021/509).
#[derive(Clone)]
pub struct PacketKey {
    secret: [u8; 32],
}

impl std::fmt::Debug for PacketKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PacketKey")
            .field("public", &hex::encode(self.public()))
            .finish_non_exhaustive()
    }
}

impl PacketKey {
    /// The packet key of the party whose Ed25519 key is `signing`.
    pub fn of(signing: &SigningKey) -> PacketKey {
        PacketKey { secret: signing.to_scalar_bytes() }
    }

    /// The public half, as senders compute it with [`recipient_key`].
    pub fn public(&self) -> [u8; 32] {
        MontgomeryPoint::mul_base_clamped(self.secret).to_bytes()
    }
}

/// The X25519 key to seal a packet to, from the recipient's Ed25519 public key.
pub fn recipient_key(ed25519: &VerifyingKey) -> [u8; 32] {
    ed25519.to_montgomery().to_bytes()
}

/// An Ed25519 public key written in hex.
pub fn verifying_key_from_hex(text: &str) -> Option<VerifyingKey> {
    key_from_hex(text).and_then(|b| VerifyingKey::from_bytes(&b).ok())
}

/// A 32-byte key written in hex.
pub fn key_from_hex(text: &str) -> Option<[u8; 32]> {
    hex::decode(text.trim()).ok().and_then(|v| v.try_into().ok())
}

fn cipher(shared: [u8; 32], ephemeral: &[u8; 32], recipient: &[u8; 32]) -> ChaCha20Poly1305 {
    let mut salt = Vec::with_capacity(64);
    salt.extend_from_slice(ephemeral);
    salt.extend_from_slice(recipient);
    let hk = Hkdf::<sha2_11::Sha256>::new(Some(&salt), &shared);
    let mut key = [0u8; 32];
    // 32 bytes is always a valid HKDF-SHA256 output length.
    let _ = hk.expand(b"otau-packet-1", &mut key);
    ChaCha20Poly1305::new(&Key::from(key))
}

fn signed_bytes(manifest: &Manifest, ciphertext: &str) -> Vec<u8> {
    let value = serde_json::to_value(manifest).unwrap_or_default();
    let mut bytes = otau_core::canonical::canonical_json(&value).into_bytes();
    bytes.push(b'\n');
    bytes.extend_from_slice(ciphertext.as_bytes());
    bytes
}

/// What a packet says of itself before it is sealed.
#[derive(Debug, Clone)]
pub struct Header {
    /// What it carries.
    pub kind: PacketKind,
    /// Its id.
    pub packet_id: Uuid,
    /// Who makes it.
    pub sender: Party,
    /// Who can open it.
    pub recipient: Party,
    /// The office code.
    pub office: String,
    /// The first sequence it carries.
    pub first: i64,
    /// The last sequence it carries.
    pub last: i64,
}

/// Seals `content` for the recipient whose X25519 public key is `recipient_key`, signed by the
/// sender's `signing_key`. `ephemeral` and `nonce` are fresh random bytes from the caller (this
/// crate reads no random source).
pub fn seal(
    header: Header,
    content: &[u8],
    signing_key: &SigningKey,
    recipient_key: [u8; 32],
    ephemeral: [u8; 32],
    nonce: [u8; 12],
) -> Result<Packet, PacketError> {
    let eph_public = MontgomeryPoint::mul_base_clamped(ephemeral).to_bytes();
    let shared = MontgomeryPoint(recipient_key).mul_clamped(ephemeral).to_bytes();
    let manifest = Manifest {
        format: FORMAT.into(),
        version: VERSION,
        kind: header.kind,
        packet_id: header.packet_id,
        sender: header.sender,
        recipient: header.recipient,
        office: header.office,
        first: header.first,
        last: header.last,
        content_sha256: sha256_hex(content),
        ephemeral: hex::encode(eph_public),
        nonce: hex::encode(nonce),
    };
    let aad =
        otau_core::canonical::canonical_json(&serde_json::to_value(&manifest).unwrap_or_default());
    let encrypted = cipher(shared, &eph_public, &recipient_key)
        .encrypt(&Nonce::from(nonce), Payload { msg: content, aad: aad.as_bytes() })
        .map_err(|_| PacketError::Unreadable { reason: "encryption failed".into() })?;
    let ciphertext = BASE64.encode(&encrypted);
    let signature = signing_key.sign(&signed_bytes(&manifest, &ciphertext));
    Ok(Packet { manifest, ciphertext, signature: hex::encode(signature.to_bytes()) })
}

/// Reads a packet file's bytes (no check of its contents yet).
pub fn read(bytes: &[u8]) -> Result<Packet, PacketError> {
    let packet: Packet = serde_json::from_slice(bytes)
        .map_err(|e| PacketError::Unreadable { reason: e.to_string() })?;
    if packet.manifest.format != FORMAT || packet.manifest.version != VERSION {
        return Err(PacketError::Unreadable {
            reason: format!("{} {}", packet.manifest.format, packet.manifest.version),
        });
    }
    Ok(packet)
}

/// A packet's bytes as written to a file.
pub fn write(packet: &Packet) -> Vec<u8> {
    serde_json::to_vec_pretty(packet).unwrap_or_default()
}

/// Checks that a packet is for `me` (one for another device or centre is not tried).
pub fn check_recipient(packet: &Packet, me: Party) -> Result<(), PacketError> {
    if packet.manifest.recipient != me {
        return Err(PacketError::Misaddressed {
            recipient: packet.manifest.recipient.id.to_string(),
        });
    }
    Ok(())
}

/// Checks the sender's signature over the manifest and the ciphertext with `sender_key` (its
/// Ed25519 key, when the recipient knows it).
pub fn verify(packet: &Packet, sender_key: Option<&VerifyingKey>) -> Result<(), PacketError> {
    let Some(sender_key) = sender_key else {
        return Err(PacketError::UnknownSender { sender: packet.manifest.sender.id.to_string() });
    };
    let signature = hex::decode(&packet.signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .map(|b| Signature::from_bytes(&b))
        .ok_or(PacketError::Tampered)?;
    sender_key
        .verify(&signed_bytes(&packet.manifest, &packet.ciphertext), &signature)
        .map_err(|_| PacketError::Tampered)
}

/// Decrypts a packet with the recipient's `key` and checks the content's hash. Before its
/// signature is checked, the content is only to be read for the key that checks it (an
/// enrolment carries the sender's key).
pub fn decrypt(packet: &Packet, key: &PacketKey) -> Result<Vec<u8>, PacketError> {
    let m = &packet.manifest;
    let eph_public = key_from_hex(&m.ephemeral).ok_or(PacketError::Tampered)?;
    let nonce: [u8; 12] =
        hex::decode(&m.nonce).ok().and_then(|b| b.try_into().ok()).ok_or(PacketError::Tampered)?;
    let encrypted =
        BASE64.decode(packet.ciphertext.as_bytes()).map_err(|_| PacketError::Tampered)?;
    let shared = MontgomeryPoint(eph_public).mul_clamped(key.secret).to_bytes();
    let aad = otau_core::canonical::canonical_json(&serde_json::to_value(m).unwrap_or_default());
    let content = cipher(shared, &eph_public, &key.public())
        .decrypt(&Nonce::from(nonce), Payload { msg: &encrypted, aad: aad.as_bytes() })
        .map_err(|_| PacketError::Tampered)?;
    if sha256_hex(&content) != m.content_sha256 {
        return Err(PacketError::Tampered);
    }
    Ok(content)
}

/// Opens a packet for `me`: its recipient, its sender's signature with `sender_key`, then its
/// content. Returns the content.
pub fn open(
    packet: &Packet,
    me: Party,
    key: &PacketKey,
    sender_key: Option<&VerifyingKey>,
) -> Result<Vec<u8>, PacketError> {
    check_recipient(packet, me)?;
    verify(packet, sender_key)?;
    decrypt(packet, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(kind: PartyKind, n: u128) -> Party {
        Party { kind, id: Uuid::from_u128(n) }
    }

    fn sealed(content: &[u8]) -> (Packet, PacketKey, SigningKey) {
        let sender = SigningKey::from_bytes(&[7; 32]);
        let recipient_signing = SigningKey::from_bytes(&[9; 32]);
        let recipient = PacketKey::of(&recipient_signing);
        let header = Header {
            kind: PacketKind::FromDevice,
            packet_id: Uuid::from_u128(5),
            sender: party(PartyKind::Device, 1),
            recipient: party(PartyKind::Centre, 2),
            office: "PVL01".into(),
            first: 1,
            last: 3,
        };
        let p = seal(
            header,
            content,
            &sender,
            recipient_key(&recipient_signing.verifying_key()),
            [3; 32],
            [4; 12],
        )
        .expect("seal");
        (p, recipient, sender)
    }

    #[test]
    fn a_packet_opens_for_its_recipient_with_its_senders_key_and_hides_its_content() {
        let (p, key, sender) = sealed("{\"events\":[\"Cейітқали\"]}".as_bytes());
        let text = String::from_utf8(write(&p)).expect("utf-8");
        assert!(!text.contains("events") && !text.contains("Cейітқали"), "{text}");
        let read_back = read(text.as_bytes()).expect("read");
        let content =
            open(&read_back, party(PartyKind::Centre, 2), &key, Some(&sender.verifying_key()))
                .expect("open");
        assert_eq!(content, "{\"events\":[\"Cейітқали\"]}".as_bytes());
    }

    #[test]
    fn the_packet_key_of_an_ed25519_key_opens_what_is_sealed_to_its_public_half() {
        let signing = SigningKey::from_bytes(&[11; 32]);
        assert_eq!(PacketKey::of(&signing).public(), recipient_key(&signing.verifying_key()));
    }

    #[test]
    fn every_changed_byte_is_refused() {
        let (p, key, sender) = sealed(b"content of the packet");
        let bytes = write(&p);
        let me = party(PartyKind::Centre, 2);
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= 0x01;
            let outcome =
                read(&changed).and_then(|p| open(&p, me, &key, Some(&sender.verifying_key())));
            match outcome {
                Err(_) => {}
                // A change JSON does not see (a flipped bit in insignificant whitespace) leaves
                // the same packet.
                Ok(content) => assert_eq!(content, b"content of the packet", "byte {i}"),
            }
        }
        // Cut short anywhere: refused.
        for len in [0, 10, bytes.len() / 2, bytes.len() - 2] {
            assert!(read(&bytes[..len])
                .and_then(|p| open(&p, me, &key, Some(&sender.verifying_key())))
                .is_err());
        }
    }

    #[test]
    fn another_recipient_an_unknown_sender_and_a_forged_signature_are_refused() {
        let (p, key, sender) = sealed(b"x");
        let other = party(PartyKind::Centre, 3);
        assert!(matches!(
            open(&p, other, &key, Some(&sender.verifying_key())),
            Err(PacketError::Misaddressed { .. })
        ));
        let me = party(PartyKind::Centre, 2);
        assert!(matches!(open(&p, me, &key, None), Err(PacketError::UnknownSender { .. })));
        let stranger = SigningKey::from_bytes(&[8; 32]);
        assert_eq!(open(&p, me, &key, Some(&stranger.verifying_key())), Err(PacketError::Tampered));
        // The right sender, but the packet opened with another recipient's key.
        let wrong_key = PacketKey::of(&SigningKey::from_bytes(&[10; 32]));
        assert_eq!(
            open(&p, me, &wrong_key, Some(&sender.verifying_key())),
            Err(PacketError::Tampered)
        );
        // A manifest changed and signed again by a stranger still fails the real sender's key.
        let mut forged = p.clone();
        forged.manifest.last = 99;
        forged.signature = hex::encode(
            stranger.sign(&signed_bytes(&forged.manifest, &forged.ciphertext)).to_bytes(),
        );
        assert_eq!(
            open(&forged, me, &key, Some(&sender.verifying_key())),
            Err(PacketError::Tampered)
        );
    }
}
