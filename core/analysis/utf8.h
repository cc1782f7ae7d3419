// Small UTF-8 helpers shared by the analysis stages and the input readers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace haber::utf8 {

// Byte offset of the first invalid UTF-8 sequence, or nullopt if valid.
std::optional<std::size_t> first_invalid(std::string_view s);

// Appends code point cp encoded as UTF-8.
void append(std::string& out, char32_t cp);

// Decodes the code point at s[i] and advances i; invalid bytes yield U+FFFD
// and advance by one.
char32_t next(std::string_view s, std::size_t& i);

// 1-based line and column (in code points) of byte offset `pos` in s.
struct LineCol { std::size_t line; std::size_t column; };
LineCol line_col(std::string_view s, std::size_t pos);

}  // namespace haber::utf8
