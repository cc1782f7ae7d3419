// libFuzzer: the plain-text reader (binary and UTF-8 checks, character
// references, headline, dateline and sub-heading parsing).
#include "fuzz_input.h"
#include "ingest/plain_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    haber::fuzz::read_as(data, size, haber::ingest::Format::Text, "fuzz.txt");
    return 0;
}
