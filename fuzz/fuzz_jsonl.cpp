// libFuzzer: the JSON Lines reader (line splitting, gzip, UTF-8 and NUL
// checks, JSON parsing, field types, character references, dates).
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    haber::fuzz::read_as(data, size, haber::ingest::Format::Jsonl, "fuzz.jsonl");
    return 0;
}
