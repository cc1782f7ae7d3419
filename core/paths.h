// Where the programs look when the user names nothing: the database
// (--db, else $HABER_DB, else ~/.local/share/haber/haber.db following XDG)
// and the sample corpus shipped in corpus/.
#pragma once

#include <string>

namespace haber {

// haber's data directory: $XDG_DATA_HOME/haber, else ~/.local/share/haber;
// "" if neither variable is set. The database and the interactive history live here.
std::string data_dir();
std::string default_db_path();                 // $HABER_DB or the XDG data path
std::string resolve_db_path(const std::string& cli_value);  // cli_value if non-empty, else default
// The bundled sample corpus: $HABER_CORPUS; for a program in its build tree
// the source tree's corpus/; for an installed one DATADIR/haber/corpus
// (found relative to the program, else under the install prefix).
std::string bundled_corpus_path();

}  // namespace haber
