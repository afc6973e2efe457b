/** The dlt release restplay follows: every rule, request and table is checked against it (../shared/dlt-golden). */
export const DLT_VERSION = "1.26.0";
