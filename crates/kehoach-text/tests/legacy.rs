//! Legacy Vietnamese encodings against fixtures made by an independent
//! encoder (fixtures/text/make_legacy.py) and against glibc iconv's table.

use std::path::PathBuf;

use kehoach_text::legacy::{convert, decode_bytes, Encoding, Legacy};
use unicode_normalization::UnicodeNormalization;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn source() -> String {
    String::from_utf8(read("corpus/002_582188faeadf9c63.txt")).unwrap()
}

/// TCVN3 codes no capital with a tone mark: the fixture writes such a
/// capital with its small letter's code (fixtures/text/legacy/README.md).
fn tcvn3_capitals_folded(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_uppercase() && !c.is_ascii() && !"ĂÂÊÔƠƯĐ".contains(c) {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

fn assert_same_lines(got: &str, want: &str, what: &str) {
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "{what}: line {} differs", i + 1);
    }
    assert_eq!(
        got.lines().count(),
        want.lines().count(),
        "{what}: line count"
    );
    assert_eq!(got, want, "{what}");
}

#[test]
fn tcvn3_fixture_decodes_to_the_source() {
    let bytes = read("fixtures/text/legacy/002_tcvn3.txt");
    assert!(std::str::from_utf8(&bytes).is_err());
    let (text, enc) = decode_bytes(&bytes).expect("plausible");
    assert_eq!(enc, Encoding::Tcvn3);
    assert_same_lines(&text, &tcvn3_capitals_folded(&source()), "TCVN3");
}

#[test]
fn vni_fixture_decodes_to_the_source() {
    let bytes = read("fixtures/text/legacy/002_vni.txt");
    assert!(std::str::from_utf8(&bytes).is_err());
    let (text, enc) = decode_bytes(&bytes).expect("plausible");
    assert_eq!(enc, Encoding::Vni);
    assert_same_lines(&text, &source(), "VNI");
}

#[test]
fn windows_1258_fixture_decodes_to_the_source() {
    let bytes = read("fixtures/text/legacy/002_windows1258.txt");
    assert!(std::str::from_utf8(&bytes).is_err());
    let (text, enc) = decode_bytes(&bytes).expect("plausible");
    assert_eq!(enc, Encoding::Windows1258);
    assert_same_lines(&text, &source(), "Windows-1258");
}

#[test]
fn fixtures_as_pdf_text_layers_convert_too() {
    // A PDF text layer shows each byte as its WinAnsi character.
    let winansi = |bytes: &[u8]| -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    };
    let src = source();
    let tcvn3 = winansi(&read("fixtures/text/legacy/002_tcvn3.txt"));
    assert_same_lines(
        &convert(&tcvn3, Legacy::Tcvn3),
        &tcvn3_capitals_folded(&src),
        "TCVN3 layer",
    );
    let upper: String = src.chars().flat_map(char::to_uppercase).collect();
    assert_same_lines(
        &convert(&tcvn3, Legacy::Tcvn3Upper),
        &upper,
        "TCVN3 .VnTimeH layer",
    );
    let vni = winansi(&read("fixtures/text/legacy/002_vni.txt"));
    assert_same_lines(&convert(&vni, Legacy::Vni), &src, "VNI layer");
}

/// Every byte that rules/tcvn3.tsv (VN3) gives a meaning has that meaning in
/// glibc's TCVN5712-1 (VN1), and the decoder agrees; VN1's other letters are
/// capitals with a tone, which VN3 leaves to Windows-1252.
#[test]
fn tcvn3_agrees_with_iconv_vn1() {
    let vn1_file = String::from_utf8(read("fixtures/text/legacy/vn1_iconv.tsv")).unwrap();
    let mut vn1 = std::collections::HashMap::new();
    for line in vn1_file.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let byte = u8::from_str_radix(cols[0], 16).unwrap();
        let text: Option<String> = cols[1]
            .split(' ')
            .map(|u| char::from_u32(u32::from_str_radix(u.strip_prefix("U+")?, 16).ok()?))
            .collect();
        if let Some(text) = text {
            vn1.insert(byte, text);
        }
    }
    assert_eq!(vn1.len(), 256, "iconv read every byte");

    let rules = include_str!("../rules/tcvn3.tsv");
    let mut ours = std::collections::HashMap::new();
    for line in rules
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let byte = u8::from_str_radix(cols[0], 16).unwrap();
        let c = match cols[1].strip_prefix("U+") {
            Some(hex) => char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap(),
            None => cols[1].chars().next().unwrap(),
        };
        assert_eq!(vn1[&byte], c.to_string(), "byte {byte:02X}: rules say {c}");
        // The decoder reads it so too (after a letter, for the tone marks).
        let got = convert(&format!("a{}", char::from(byte)), Legacy::Tcvn3);
        assert_eq!(got, format!("a{c}").nfc().collect::<String>(), "{byte:02X}");
        ours.insert(byte, c);
    }
    // 7 + 7 toneless letters, 60 toned small letters, 5 tone marks.
    assert_eq!(ours.len(), 79);

    for (&byte, want) in &vn1 {
        if ours.contains_key(&byte) || *want == char::from(byte).to_string() {
            continue;
        }
        let c = want.chars().next().unwrap();
        assert!(
            c.is_uppercase(),
            "byte {byte:02X}: VN1 {want:?} is not a capital"
        );
        let got = convert(&char::from(byte).to_string(), Legacy::Tcvn3);
        assert_eq!(got, latin_or_winansi(byte).to_string(), "byte {byte:02X}");
    }
}

fn latin_or_winansi(byte: u8) -> char {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(&[byte])
        .0
        .chars()
        .next()
        .unwrap()
}

#[test]
fn pdf_text_layer_strings() {
    let cases: &[(&str, Legacy, &str)] = &[
        (
            "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
            Legacy::Tcvn3,
            "Cộng hoà xã hội chủ nghĩa Việt Nam",
        ),
        (
            "§éc lËp – Tù do – H¹nh phóc",
            Legacy::Tcvn3,
            "Độc lập – Tự do – Hạnh phúc",
        ),
        // ư is 0xAD, a soft hyphen in the text layer.
        (
            "Ph\u{AD}¬ng ¸n “¦u tiªn”",
            Legacy::Tcvn3,
            "Phương án “Ưu tiên”",
        ),
        ("kÕ ho¹ch", Legacy::Tcvn3Upper, "KẾ HOẠCH"),
        ("Céng hoµ", Legacy::Tcvn3Upper, "CỘNG HOÀ"),
        // A tone mark byte after a letter, and as a symbol after a digit.
        ("a\u{B3} 30\u{B0}C", Legacy::Tcvn3, "á 30°C"),
        (
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
            Legacy::Vni,
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
        ),
        (
            "Ñoäc laäp - Töï do - Haïnh phuùc",
            Legacy::Vni,
            "Độc lập - Tự do - Hạnh phúc",
        ),
        ("KEÁ HOAÏCH", Legacy::Vni, "KẾ HOẠCH"),
        ("Tröôøng – “ÖÙng”", Legacy::Vni, "Trường – “Ứng”"),
        // Mark bytes of the other case still read.
        ("Aù aÙ", Legacy::Vni, "Á á"),
        // Characters that were never a byte pass through.
        ("Việt → ", Legacy::Vni, "Việt → "),
        ("", Legacy::Tcvn3, ""),
    ];
    for (layer, enc, want) in cases {
        assert_eq!(convert(layer, *enc), *want, "{layer:?} as {enc:?}");
    }
}

#[test]
fn font_names() {
    let cases: &[(&str, Option<Legacy>)] = &[
        (".VnTime", Some(Legacy::Tcvn3)),
        (".VnTimeH", Some(Legacy::Tcvn3Upper)),
        (".VnArial", Some(Legacy::Tcvn3)),
        (".VnArialH", Some(Legacy::Tcvn3Upper)),
        (".VnArial NarrowH", Some(Legacy::Tcvn3Upper)),
        (".VnCentury Schoolbook", Some(Legacy::Tcvn3)),
        (".VnCentury SchoolbookH", Some(Legacy::Tcvn3Upper)),
        (".VnBook-AntiquaH", Some(Legacy::Tcvn3Upper)),
        (".VnBook-Antiqua", Some(Legacy::Tcvn3)),
        ("ABCDEF+.VnTime", Some(Legacy::Tcvn3)),
        ("ABCDEF+.VnTime-Bold", Some(Legacy::Tcvn3)),
        ("ABCDEF+.VnTimeH,Bold", Some(Legacy::Tcvn3Upper)),
        ("ABCDEF+.VnTimeH-BoldItalic", Some(Legacy::Tcvn3Upper)),
        (".VnTimeHItalic", Some(Legacy::Tcvn3Upper)),
        (".vntimeh", Some(Legacy::Tcvn3Upper)),
        (".VNTIME", Some(Legacy::Tcvn3)),
        ("#2EVnTime", Some(Legacy::Tcvn3)),
        ("VnTimeH", Some(Legacy::Tcvn3Upper)),
        ("VnArial", Some(Legacy::Tcvn3)),
        ("VNI-Times", Some(Legacy::Vni)),
        ("VNI-Times-Bold", Some(Legacy::Vni)),
        ("ZXCVBN+VNI-Times-BoldItalic", Some(Legacy::Vni)),
        ("VNI-Helve", Some(Legacy::Vni)),
        ("VNI-Helve-Condense", Some(Legacy::Vni)),
        ("vni-times", Some(Legacy::Vni)),
        ("VNITimes", Some(Legacy::Vni)),
        ("TimesNewRomanPSMT", None),
        ("ABCDEF+TimesNewRomanPS-BoldMT", None),
        ("Arial", None),
        ("Vni", Some(Legacy::Vni)),
        ("Vnx", None),
        (".Vn", None),
        ("", None),
        ("+", None),
        ("abcdef+.VnTime", None),
    ];
    for (name, want) in cases {
        assert_eq!(Legacy::from_font_name(name), *want, "{name:?}");
    }
}

#[test]
fn windows_1258_combining_marks() {
    // ê + combining dot below, a + combining grave... and an NFC result.
    let (text, enc) = decode_bytes(b"Vi\xEA\xF2t Nam, ng\xE0y m\xF4\xECt").unwrap();
    assert_eq!(enc, Encoding::Windows1258);
    assert_eq!(text, "Việt Nam, ngày mốt");
    assert_eq!(enc.to_string(), "Windows-1258");
    assert_eq!(Encoding::Tcvn3.label(), "TCVN3 (ABC)");
}

#[test]
fn not_vietnamese_is_none() {
    // French in Latin-1: letters Vietnamese has, but not its syllables.
    assert_eq!(
        decode_bytes(b"Le caf\xE9 est tr\xE8s bon, \xE0 bient\xF4t, gar\xE7on."),
        None
    );
    assert_eq!(decode_bytes(b"\x00\x01\x02\x03\xFF\xFE\x80\x81"), None);
    assert_eq!(decode_bytes(b""), None);
    assert_eq!(decode_bytes(b"\xFF"), None);
}

/// xorshift64*, so the test needs no crate and is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn random_binary_is_none() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..200 {
        let len = 64 + (rng.next() % 4000) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        assert_eq!(decode_bytes(&bytes), None, "{:02x?}", &bytes[..16]);
        // Only bytes of the upper half: no controls from C0, still not text.
        let high: Vec<u8> = bytes.iter().map(|b| b | 0x80).collect();
        assert_eq!(decode_bytes(&high), None, "{:02x?}", &high[..16]);
    }
}

#[test]
fn arbitrary_input_never_panics_and_gives_nfc() {
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    let alphabet: Vec<char> = "aeoiuyAEOUYdđĐnghtcx ,.\n\t–“”ễ→\u{300}\u{301}\u{AD}"
        .chars()
        .chain((0x80..=0xFF).filter_map(char::from_u32))
        .collect();
    for _ in 0..500 {
        let len = (rng.next() % 300) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if let Some((text, _)) = decode_bytes(&bytes) {
            assert!(unicode_normalization::is_nfc(&text));
        }
        let text: String = (0..len)
            .map(|_| alphabet[(rng.next() % alphabet.len() as u64) as usize])
            .collect();
        for enc in [Legacy::Tcvn3, Legacy::Tcvn3Upper, Legacy::Vni] {
            let out = convert(&text, enc);
            assert!(unicode_normalization::is_nfc(&out), "{text:?} {enc:?}");
        }
    }
}
