#ifndef FOLIO_LOAD_H
#define FOLIO_LOAD_H
#endif
