/*
** interview.h — entry into the interview from the other pages that hold
** answers (h_results.c): the answers of rq->form shown again at the
** interview's current question, as act=stay does, whatever act the form
** carries. A form that cannot be read gets the interview's 400 page (naming
** the field or the question, never the value); answers that break a rule
** set's constraint are undone step by step, with the rule set's message
** above the question.
*/
#ifndef SAFEPATH_INTERVIEW_H
#define SAFEPATH_INTERVIEW_H

#include "web.h"

void interview_resume(const struct web_req *rq, struct web_resp *rs);

#endif
