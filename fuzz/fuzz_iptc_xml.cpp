// libFuzzer: the IPTC NITF / NewsML-G2 reader (libxml2 without DTDs or
// network, declared encodings, datelines, dates, newsMessage items).
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    haber::fuzz::read_as(data, size, haber::ingest::Format::Xml, "fuzz.xml");
    return 0;
}
