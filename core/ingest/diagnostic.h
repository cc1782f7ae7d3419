// Problems found while reading input. Readers never throw for bad input:
// they report a Diagnostic through a callback and go on with the rest.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace haber::ingest {

struct Diagnostic {
    enum Severity { Warning, Error };
    std::string file;       // as the user named it ("<stdin>" for standard input)
    std::size_t line = 0;   // 1-based; 0 if not applicable
    std::string message;
    Severity severity = Error;
};

using DiagnosticSink = std::function<void(const Diagnostic&)>;

// "path:line: error: message" (gcc style; ":line" omitted when 0).
std::string format_diagnostic(const Diagnostic& d);

}  // namespace haber::ingest
