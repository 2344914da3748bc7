/*
** resultview.h — the results page (docs/internals/web.md, "Page contract"):
** the level on the continuum with its reasons, the remedies with their bodies
** and time limits, the protection pathways, the services for the needs found,
** the legal notice, and the form holding the answers (change, save, print).
**
** The page is built straight from the assessment (assess.h's accessors, the
** functions its JSON contract is made from) and the pathways' result (rules.h's
** query API), plus the rule sets for citation addresses and question texts:
** nothing is written out as JSON and read back. Shared by h_results and the
** interview (which shows the results when no question is left).
*/
#ifndef SAFEPATH_RESULTVIEW_H
#define SAFEPATH_RESULTVIEW_H

#include "../assess/assess.h"
#include "../base/json.h"
#include "answers_form.h"
#include "web.h"

/* Writes the whole page into rs->body (status 200), or a 500 page when the
** assessment cannot be rendered. x must come from a successful assess_run on
** the answers answers_doc holds (af_doc); st travels in the form so that
** "Change answers" returns to the interview where it was. */
void rv_page(const struct web_req *rq, struct web_resp *rs, const struct assessment *x,
             const struct json_doc *answers_doc, const struct af_state *st);

#endif
