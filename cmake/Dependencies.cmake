# Third-party dependencies (DESIGN §5), all from Debian packages.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(simdjson 3.0 CONFIG REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(GTest REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
find_package(spdlog CONFIG REQUIRED)
find_package(PostgreSQL)
find_package(benchmark)
find_package(tomlplusplus REQUIRED)
find_package(OpenSSL 3 REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
pkg_check_modules(GMP REQUIRED IMPORTED_TARGET gmp)

# verimeter_add_tests(<module> <sources...>): one gtest binary per module, each test case
# registered with CTest.
function(verimeter_add_tests module)
  if(NOT ARGN OR NOT TARGET verimeter_${module})
    return()
  endif()
  add_executable(${module}_tests ${ARGN})
  target_link_libraries(${module}_tests PRIVATE verimeter_${module} GTest::gtest GTest::gtest_main)
  target_include_directories(${module}_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${module}_tests PRIVATE
    VERIMETER_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    VERIMETER_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared")
  gtest_discover_tests(${module}_tests DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "unit;${module}" TIMEOUT 600)
endfunction()
