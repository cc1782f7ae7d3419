// Where the programs look when the user names nothing: the database
// (--db, else $HABER_DB, else ~/.local/share/haber/haber.db following XDG)
// and the sample corpus shipped in corpus/.
#pragma once

#include <string>

namespace haber {

std::string default_db_path();                 // $HABER_DB or the XDG data path
std::string resolve_db_path(const std::string& cli_value);  // cli_value if non-empty, else default
std::string bundled_corpus_path();             // the project's corpus/ directory

}  // namespace haber
