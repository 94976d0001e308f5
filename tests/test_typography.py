import pytest

from generator.source.typography import normalise_punctuation


@pytest.mark.parametrize("raw, expected", [
    ("增长至7307亿元,稳居第1位", "增长至7307亿元，稳居第1位"),
    ("目标是:推动", "目标是：推动"),
    ("义乌(苏溪)国际枢纽港", "义乌（苏溪）国际枢纽港"),
    ("(上接第一版)", "（上接第一版）"),
    ("各位代表!民之所盼", "各位代表！民之所盼"),
    ("改革;开放", "改革；开放"),
    ("是否?", "是否？"),
])
def test_ascii_marks_in_chinese_prose_become_full_width(raw, expected):
    assert normalise_punctuation(raw) == expected


@pytest.mark.parametrize("text", [
    "数字化改造2.0覆盖率", "PM2.5浓度", "“4+4+X”先进制造业集群", "全社会R&D经费", "AI应用",
    "1,000 units", "at 9:30 (local)", "S217苏溪至江东路段",
])
def test_numbers_latin_words_and_expressions_are_left_alone(text):
    assert normalise_punctuation(text) == text


def test_normalisation_keeps_length_so_offsets_survive():
    raw = "出口从3006亿元增长至7307亿元,从超全国17个省份(含)到超25个省份:"
    assert len(normalise_punctuation(raw)) == len(raw)
