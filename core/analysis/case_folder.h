// Stage 3: Turkish lowercasing (I→ı, İ→i, I+U+0307→i) with circumflex folding
// (â→a, î→i, û→u), and the ASCII folding used for queries typed without
// Turkish letters (ç→c, ğ→g, ı→i, ö→o, ş→s, ü→u, other Latin accents dropped).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace haber::analysis {

std::string turkish_lower(std::string_view s);
std::string ascii_fold(std::string_view lowered);
// ascii_fold(lowered) == ascii, without building the fold for the letters it
// maps directly (a check run on every word of a text).
bool folds_to(std::string_view lowered, std::string_view ascii);
// The one ASCII character `c` becomes once lowercased the Turkish way and
// ASCII-folded (Ş → s, İ → i, I → i, Â → a, é → e, A → a); 0 if it becomes
// none or several.
char ascii_letter(char32_t c);
// Where, from byte `from` on, `text` (as written: any case, Turkish letters,
// any apostrophe) may hold a spelling of the ASCII `needle`; npos if
// nowhere. Each character is compared by the one ASCII letter it folds to
// (ascii_letter), every apostrophe as '; a letter that folds to none (ḱ, ß)
// may stand for any, so a spelling is never missed (a dotted acronym aside:
// the tokenizer makes A.Ş. the word aş). ASCII bytes that differ from the
// needle's first letter are passed over without decoding.
std::size_t find_folded(std::string_view text, std::string_view needle, std::size_t from = 0);
// True if s holds only ASCII characters (a word "typed without Turkish letters").
bool is_ascii(std::string_view s);

// The six lowercase Turkish letters and the ASCII letters they are typed as
// without a Turkish keyboard: ç c, ğ g, ı i, ö o, ş s, ü u.
// The ASCII twin of a Turkish letter; 0 for any other code point.
char32_t turkish_ascii_twin(char32_t c);
// The Turkish letter (UTF-8) an ASCII letter may stand for; "" if none.
std::string_view turkish_letter_for(char ascii);
// The Turkish spellings a word or prefix typed in ASCII may stand for: each of
// c g i o s u read both ways (cig: cig, çig, cıg, …, çığ), `ascii` itself
// first, the variant with the first ambiguous letter changed next, and so on
// (bit j of a variant's index: the j-th ambiguous letter changed). At most
// `cap` of them: letters past the cap stay as typed.
std::vector<std::string> turkish_spellings(std::string_view ascii, std::size_t cap = 256);

}  // namespace haber::analysis
