/* helpers.h - shared test helpers. */
#ifndef FOLIO_TEST_HELPERS_H
#define FOLIO_TEST_HELPERS_H
#endif
