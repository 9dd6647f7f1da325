//! GB/T 2260 行政区划代码: the provinces a six-digit region code can start with. One table for
//! every part of gongkai that reads or checks a region code.

/// Province-level divisions by the first two digits of their code (GB/T 2260; 71 台湾省, 81
/// 香港, 82 澳门 included for completeness).
const PROVINCES: [(&str, &str); 34] = [
    ("11", "北京市"),
    ("12", "天津市"),
    ("13", "河北省"),
    ("14", "山西省"),
    ("15", "内蒙古自治区"),
    ("21", "辽宁省"),
    ("22", "吉林省"),
    ("23", "黑龙江省"),
    ("31", "上海市"),
    ("32", "江苏省"),
    ("33", "浙江省"),
    ("34", "安徽省"),
    ("35", "福建省"),
    ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"),
    ("42", "湖北省"),
    ("43", "湖南省"),
    ("44", "广东省"),
    ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"),
    ("51", "四川省"),
    ("52", "贵州省"),
    ("53", "云南省"),
    ("54", "西藏自治区"),
    ("61", "陕西省"),
    ("62", "甘肃省"),
    ("63", "青海省"),
    ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
    ("71", "台湾省"),
    ("81", "香港特别行政区"),
    ("82", "澳门特别行政区"),
];

/// The province of a code (or of any text starting with one, such as a project code).
pub fn province(code: &str) -> Option<&'static str> {
    let prefix = code.get(..2)?;
    PROVINCES
        .iter()
        .find(|(k, _)| *k == prefix)
        .map(|(_, name)| *name)
}

/// True for a six-digit code whose first two digits name a province.
pub fn is_region_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) && province(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_regions_are_codes_and_garbage_is_not() {
        for code in ["130225", "130529", "120103"] {
            assert!(is_region_code(code), "{code}");
        }
        assert_eq!(province("13022524P0001"), Some("河北省"));
        for bad in ["990000", "13052", "1305299", "13052a", "", "gaoxin"] {
            assert!(!is_region_code(bad), "{bad}");
        }
    }
}
