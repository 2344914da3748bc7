/*
** dirview.h — directory renderings shared by the directory pages and the
** results page: a list of services with their access conditions, and the
** services matching the needs an assessment found.
*/
#ifndef SAFEPATH_DIRVIEW_H
#define SAFEPATH_DIRVIEW_H

#include <stddef.h>

#include "html.h"
#include "web.h"

#define DIRVIEW_PER_NEED 3     /* services shown under each need on the results page */
#define DIRVIEW_NEEDS_MAX 12   /* needs shown on the results page */

/* Writes <section id="services"> for the results page: for each need id (in
** order, at most DIRVIEW_NEEDS_MAX), its name and the first DIRVIEW_PER_NEED
** active services for it in province (2 letters, or "" for any), each linking to its
** service page, with a link to the full directory search for that need.
** Services are read through rq->thread (cached per thread while the database
** does not change). Writes a short message instead when the directory cannot
** be read. */
void dirview_services_for_needs(struct html *h, const struct web_req *rq,
                                const char *const *needs, size_t n, const char *province);

#endif
