/*
** handlers.h — the functions the router (server.c) calls, one per route of
** docs/internals/web.md. Each reads a checked struct web_req and fills the
** struct web_resp (status, body, route name for the log); none touches the
** socket, logs, or keeps anything from the request once it returns.
*/
#ifndef SAFEPATH_HANDLERS_H
#define SAFEPATH_HANDLERS_H

#include "web.h"

/* h_start.c */
void h_start(const struct web_req *rq, struct web_resp *rs);
void h_help(const struct web_req *rq, struct web_resp *rs);

/* h_interview.c */
void h_interview(const struct web_req *rq, struct web_resp *rs);

/* h_results.c */
void h_results(const struct web_req *rq, struct web_resp *rs);
void h_answers_download(const struct web_req *rq, struct web_resp *rs);

/* h_directory.c */
void h_directory(const struct web_req *rq, struct web_resp *rs);
void h_service(const struct web_req *rq, struct web_resp *rs);   /* route_rest "/directory/services/{id}" */
void h_slip(const struct web_req *rq, struct web_resp *rs);

/* h_api.c */
void h_api_pathways(const struct web_req *rq, struct web_resp *rs);
void h_api_assess(const struct web_req *rq, struct web_resp *rs);
void h_api_search(const struct web_req *rq, struct web_resp *rs);
void h_api_service(const struct web_req *rq, struct web_resp *rs); /* route_rest "/api/directory/services/{id}" */

#endif
