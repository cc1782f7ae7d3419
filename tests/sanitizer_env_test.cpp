// The sanitizer build (HABER_SANITIZE) runs every test with the environment
// tests/CMakeLists.txt gives it: the ASan and UBSan options that the programs
// a test runs inherit, and the smaller crash and concurrency runs. A CMake
// change once let only the first of them arrive, and the sanitizer suite
// silently ran the full-size crash and concurrency tests (the suite took
// 443 s instead of 146 s in CI). The normal build has no such environment.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>

namespace {

TEST(sanitizer_env, EveryVariableReachesTheTests) {
#ifndef HABER_SANITIZER_TEST_ENV
    GTEST_SKIP() << "not the sanitizer build";
#else
    std::istringstream in(HABER_SANITIZER_TEST_ENV);
    std::string assignment;
    int checked = 0;
    while (in >> assignment) {
        const auto eq = assignment.find('=');
        ASSERT_NE(eq, std::string::npos) << assignment;
        const std::string name = assignment.substr(0, eq);
        const char* value = std::getenv(name.c_str());
        EXPECT_NE(value, nullptr) << name << " is not set";
        if (value) {
            EXPECT_EQ(value, assignment.substr(eq + 1)) << name;
        }
        ++checked;
    }
    EXPECT_GE(checked, 4) << HABER_SANITIZER_TEST_ENV;
#endif
}

}  // namespace
