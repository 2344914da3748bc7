/*
** dirview.h — directory renderings shared by the directory pages and the
** results page: a list of services with their access conditions, and the
** services matching the needs an assessment found.
*/
#ifndef SAFEPATH_DIRVIEW_H
#define SAFEPATH_DIRVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "html.h"
#include "web.h"

#define DIRVIEW_PER_NEED 3     /* services shown under each need on the results page */
#define DIRVIEW_NEEDS_MAX 12   /* needs shown on the results page */

struct search_hit;

/* Writes <section id="services"> for the results page: for each need id (in
** order, at most DIRVIEW_NEEDS_MAX), its name and the first DIRVIEW_PER_NEED
** active services for it in province (2 letters, or "" for any), each linking to its
** service page, with a link to the full directory search for that need.
** Services are read through rq->thread (cached per thread while the database
** does not change). Writes a short message instead when the directory cannot
** be read. */
void dirview_services_for_needs(struct html *h, const struct web_req *rq,
                                const char *const *needs, size_t n, const char *province);

/* A service's access conditions in words, as <ul class="access">: whether
** immigration status is needed and whether the service shares information
** with immigration enforcement or police, then (unless brief) whether ID is
** required and whether it asks about status. */
void dirview_access(struct html *h, enum lang lang, const struct search_hit *hit, bool brief);

/* "City, PR" of a service (either part may be NULL), a national service
** (province CA) said in words. */
void dirview_place(struct html *h, enum lang lang, const char *city, const char *province);

/* The address of a service's page, /{lang}/directory/services/{id} with the
** id percent-encoded, inside an attribute value. */
void dirview_service_href(struct html *h, enum lang lang, const char *id);

#endif
