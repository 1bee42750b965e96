// Generated from openapi/openapi.json by `npm run sdk:types` (openapi-typescript): do not edit.
// Named types for SDK users are in models.ts.
export interface paths {
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This OpenAPI document */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description OpenAPI 3.1 */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              [key: string]: unknown;
            };
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ok';
            };
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: database, migrations and worker */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ready';
              checks: {
                [key: string]: string;
              };
              /** @enum {string} */
              shutdown?: 'in-progress';
            };
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'not-ready';
              checks: {
                [key: string]: string;
              };
              /** @enum {string} */
              shutdown?: 'in-progress';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics (a bearer token when TRIBUTARY_METRICS_TOKEN is set) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Prometheus text exposition */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'text/plain': string;
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange an API key for an access token */
    post: {
      parameters: {
        query?: never;
        header: {
          'basiq-version': '1.0' | '2.0' | '2.1' | '3.0';
        };
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            scope?: 'SERVER_ACCESS' | 'CLIENT_ACCESS';
            userId?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              access_token: string;
              /** @enum {string} */
              token_type: 'Bearer';
              expires_in: number;
            };
          };
        };
        /** @description Error codes: parameter-not-supplied, parameter-not-valid, invalid-content. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: unauthorized-access. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: request-too-large. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: unsupported-content-type. */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List users */
    get: {
      parameters: {
        query?: {
          filter?: string;
          limit?: number;
          next?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: {
                /** @enum {string} */
                type: 'user';
                /** Format: uuid */
                id: string;
                email: string | null;
                mobile: string | null;
                firstName: string | null;
                middleName: string | null;
                lastName: string | null;
                name: string | null;
                businessName: string | null;
                businessIdNo: string | null;
                businessIdNoType: string | null;
                businessAddress: {
                  addressLine1: string | null;
                  addressLine2: string | null;
                  suburb: string | null;
                  state: string | null;
                  postcode: string | null;
                  countryCode: string | null;
                } | null;
                verificationStatus: boolean | null;
                verificationDate: string | null;
                externalId: string | null;
                createdDate: string;
                links: {
                  self: string;
                  accounts: string;
                  connections: string;
                  transactions: string;
                  jobs: string;
                  consents: string;
                };
              }[];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    /** Create a user */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email?: string | null;
            mobile?: string | null;
            firstName?: string | null;
            middleName?: string | null;
            lastName?: string | null;
            businessName?: string | null;
            businessIdNo?: string | null;
            businessIdNoType?: ('ABN' | 'ACN') | null;
            businessAddress?: {
              addressLine1: string | null;
              addressLine2: string | null;
              suburb: string | null;
              state: string | null;
              postcode: string | null;
              countryCode: string | null;
            } | null;
            verificationStatus?: boolean | null;
            verificationDate?: string | null;
            externalId?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'user';
              /** Format: uuid */
              id: string;
              email: string | null;
              mobile: string | null;
              firstName: string | null;
              middleName: string | null;
              lastName: string | null;
              name: string | null;
              businessName: string | null;
              businessIdNo: string | null;
              businessIdNoType: string | null;
              businessAddress: {
                addressLine1: string | null;
                addressLine2: string | null;
                suburb: string | null;
                state: string | null;
                postcode: string | null;
                countryCode: string | null;
              } | null;
              verificationStatus: boolean | null;
              verificationDate: string | null;
              externalId: string | null;
              createdDate: string;
              connections: {
                /** @enum {string} */
                type: 'list';
                count: number;
                data: {
                  type: string;
                  /** Format: uuid */
                  id: string;
                  links: {
                    self: string;
                  };
                }[];
              };
              accounts: {
                /** @enum {string} */
                type: 'list';
                count: number;
                data: {
                  type: string;
                  /** Format: uuid */
                  id: string;
                  links: {
                    self: string;
                  };
                }[];
              };
              links: {
                self: string;
                accounts: string;
                connections: string;
                transactions: string;
                jobs: string;
                consents: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-supplied, parameter-not-valid, invalid-content. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-already-exists, idempotency-key-in-use. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: request-too-large. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: unsupported-content-type. */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a user */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'user';
              /** Format: uuid */
              id: string;
              email: string | null;
              mobile: string | null;
              firstName: string | null;
              middleName: string | null;
              lastName: string | null;
              name: string | null;
              businessName: string | null;
              businessIdNo: string | null;
              businessIdNoType: string | null;
              businessAddress: {
                addressLine1: string | null;
                addressLine2: string | null;
                suburb: string | null;
                state: string | null;
                postcode: string | null;
                countryCode: string | null;
              } | null;
              verificationStatus: boolean | null;
              verificationDate: string | null;
              externalId: string | null;
              createdDate: string;
              connections: {
                /** @enum {string} */
                type: 'list';
                count: number;
                data: {
                  type: string;
                  /** Format: uuid */
                  id: string;
                  links: {
                    self: string;
                  };
                }[];
              };
              accounts: {
                /** @enum {string} */
                type: 'list';
                count: number;
                data: {
                  type: string;
                  /** Format: uuid */
                  id: string;
                  links: {
                    self: string;
                  };
                }[];
              };
              links: {
                self: string;
                accounts: string;
                connections: string;
                transactions: string;
                jobs: string;
                consents: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    /** Update a user */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email?: string | null;
            mobile?: string | null;
            firstName?: string | null;
            middleName?: string | null;
            lastName?: string | null;
            businessName?: string | null;
            businessIdNo?: string | null;
            businessIdNoType?: ('ABN' | 'ACN') | null;
            businessAddress?: {
              addressLine1: string | null;
              addressLine2: string | null;
              suburb: string | null;
              state: string | null;
              postcode: string | null;
              countryCode: string | null;
            } | null;
            verificationStatus?: boolean | null;
            verificationDate?: string | null;
            externalId?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'user';
              /** Format: uuid */
              id: string;
              email: string | null;
              mobile: string | null;
              firstName: string | null;
              middleName: string | null;
              lastName: string | null;
              name: string | null;
              businessName: string | null;
              businessIdNo: string | null;
              businessIdNoType: string | null;
              businessAddress: {
                addressLine1: string | null;
                addressLine2: string | null;
                suburb: string | null;
                state: string | null;
                postcode: string | null;
                countryCode: string | null;
              } | null;
              verificationStatus: boolean | null;
              verificationDate: string | null;
              externalId: string | null;
              createdDate: string;
              connections: {
                /** @enum {string} */
                type: 'list';
                count: number;
                data: {
                  type: string;
                  /** Format: uuid */
                  id: string;
                  links: {
                    self: string;
                  };
                }[];
              };
              accounts: {
                /** @enum {string} */
                type: 'list';
                count: number;
                data: {
                  type: string;
                  /** Format: uuid */
                  id: string;
                  links: {
                    self: string;
                  };
                }[];
              };
              links: {
                self: string;
                accounts: string;
                connections: string;
                transactions: string;
                jobs: string;
                consents: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-supplied, parameter-not-valid, invalid-content. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-already-exists, idempotency-key-in-use. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: request-too-large. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: unsupported-content-type. */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    /** Delete a user and everything under it */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Deleted */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-in-use. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/connections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a user's connections */
    get: {
      parameters: {
        query?: {
          filter?: string;
        };
        header?: never;
        path: {
          userId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['ConnectionInList'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    /** Create a web connection (credentials); answers with its job */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            institution: {
              id: string;
            };
            loginId: string;
            password: string;
            securityCode?: string | null;
            secondaryLoginId?: string | null;
            /** @description web (default) */
            method?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'job';
              /** Format: uuid */
              id: string;
              links: {
                /** Format: uri */
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid, invalid-content, parameter-not-supplied, institution-not-supported, institution-disabled. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access, too-many-sandbox-connections. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-in-use, connection-method-conflict. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: request-too-large. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: unsupported-content-type. */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/connections/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Refresh all of a user's connections, spread out */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['JobReference'][];
              skipped: {
                /** Format: uuid */
                connection: string;
                code: string;
                detail: string;
              }[];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-in-use. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests, refresh-limit-reached. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/connections/{connectionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a connection */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
          connectionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'connection';
              /** Format: uuid */
              id: string;
              method: 'web' | 'open-banking';
              /** @description pending, pre-init, init, active, invalid, deleted */
              status: string;
              /** Format: date-time */
              createdDate: string;
              lastUsed: string | null;
              expiryDate: string | null;
              mfaEnabled: boolean;
              institution: {
                id: string;
                /** @enum {string} */
                type: 'institution';
                links: {
                  /** Format: uri */
                  self: string;
                };
              };
              reason: {
                code: string;
                title: string;
                detail: string;
                nextAction: string;
                retryable: boolean;
                /** Format: date-time */
                occurredAt: string;
                /** Format: uuid */
                jobId: string;
              } | null;
              resumeAt: string | null;
              lastSuccessAt: string | null;
              dataAsOf: string | null;
              refresh: {
                limit: number;
                remaining: number;
                resetsAt: string | null;
              };
              smartCache: {
                eligible: boolean;
                nextScheduledAt: string | null;
                ineligibleReason: string | null;
              };
              links: {
                /** Format: uri */
                self: string;
                /** Format: uri */
                accounts: string;
                /** Format: uri */
                transactions: string;
                /** Format: uri */
                institution: string;
                /** Format: uri */
                user: string;
                /** Format: uri */
                jobs: string;
              };
              accounts: {
                /** @enum {string} */
                type: 'list';
                count: number;
                data: {
                  [key: string]: unknown;
                }[];
              };
              profile: {
                fullName: string;
                firstName: string;
                middleName: string;
                lastName: string;
                emailAddresses: string[];
                phoneNumbers: string[];
                physicalAddresses: string[];
              } | null;
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    /** Update the credentials of a web connection; answers with the new job */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
          connectionId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            password: string;
            securityCode?: string | null;
            secondaryLoginId?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'job';
              /** Format: uuid */
              id: string;
              links: {
                /** Format: uri */
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid, invalid-content, parameter-not-supplied. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-in-use, connection-deleted, job-in-progress. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: request-too-large. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: unsupported-content-type. */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    /** Delete a connection (its accounts and transactions stay with the user) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
          connectionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Deleted */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-in-use. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/connections/{connectionId}/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Refresh one connection */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
          connectionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'job';
              /** Format: uuid */
              id: string;
              links: {
                /** Format: uri */
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid, invalid-credentials, institution-disabled. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: connection-deleted, connection-not-ready, reconsent-required, idempotency-key-in-use. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests, refresh-limit-reached. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/connections/{connectionId}/purge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Purge a connection's accounts and transactions (Prefer: return=representation for the receipt) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
          connectionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'purge-receipt';
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              connection: string;
              institution: string;
              /** Format: date-time */
              purgedAt: string;
              accounts: number;
              transactions: number;
              links: {
                /** Format: uri */
                connection: string;
              };
            };
          };
        };
        /** @description Purged */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: connection-deleted, job-in-progress, idempotency-key-in-use. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a user's jobs, newest first */
    get: {
      parameters: {
        query?: {
          filter?: string;
          limit?: number;
          next?: string;
        };
        header?: never;
        path: {
          userId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['Job'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/connections/{connectionId}/jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a connection's jobs, newest first */
    get: {
      parameters: {
        query?: {
          filter?: string;
          limit?: number;
          next?: string;
        };
        header?: never;
        path: {
          userId: string;
          connectionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['Job'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/jobs/{jobId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a job */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          jobId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'job';
              /** Format: uuid */
              id: string;
              /** @enum {string} */
              jobType: 'connection';
              /** Format: date-time */
              created: string;
              /** Format: date-time */
              updated: string;
              /** @description in-progress, success, failed */
              status: string;
              institution: {
                id: string;
                /** @enum {string} */
                type: 'institution';
                links: {
                  /** Format: uri */
                  self: string;
                };
              };
              steps: {
                /** @description verify-credentials, mfa-challenge, retrieve-accounts, retrieve-transactions */
                title: string;
                /** @description pending, in-progress, success, failed */
                status: string;
                result: {
                  [key: string]: unknown;
                } | null;
                startedAt: string | null;
                finishedAt: string | null;
              }[];
              trigger: string;
              /** Format: uuid */
              connection: string;
              resumeAt: string | null;
              waitReason: string | null;
              window: {
                from: string;
                to: string;
              } | null;
              links: {
                /** Format: uri */
                self: string;
                /** Format: uri */
                source: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/jobs/{jobId}/mfa': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Answer a job's MFA challenge */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          jobId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            'mfa-response': string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'job';
              /** Format: uuid */
              id: string;
              links: {
                /** Format: uri */
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid, invalid-content. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-in-use, mfa-not-requested. */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: request-too-large. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: unsupported-content-type. */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: idempotency-key-mismatch. */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a user's accounts */
    get: {
      parameters: {
        query?: {
          filter?: string;
        };
        header?: never;
        path: {
          userId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['Account'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/accounts/{accountId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'account';
              /** Format: uuid */
              id: string;
              name: string;
              displayName: string | null;
              accountNo: string;
              maskedNumber: string | null;
              bsb: string | null;
              unmaskedAccNum: string | null;
              accountHolder: string | null;
              accountOwnership: string;
              isOwned: boolean;
              balance: string | null;
              availableFunds: string | null;
              creditLimit: string | null;
              amortisedLimit: string | null;
              depositRate: string | null;
              lendingRate: string | null;
              bundleName: string | null;
              creationDate: string | null;
              purses: {
                amount: string;
                currency: string;
              }[];
              class: {
                type: string;
                product: string | null;
              };
              currency: string;
              /** Format: uuid */
              connection: string;
              institution: string;
              /** Format: date-time */
              lastUpdated: string;
              /** @description available or unavailable */
              status: string;
              transactionIntervals: {
                from: string;
                to: string;
              }[];
              meta: {
                [key: string]: unknown;
              } | null;
              links: {
                /** Format: uri */
                self: string;
                /** Format: uri */
                transactions: string;
                /** Format: uri */
                connection: string;
                /** Format: uri */
                institution: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/transactions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a user's transactions */
    get: {
      parameters: {
        query?: {
          filter?: string;
          limit?: number;
          next?: string;
        };
        header?: never;
        path: {
          userId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['Transaction'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{userId}/transactions/{transactionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a transaction */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          userId: string;
          transactionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'transaction';
              /** Format: uuid */
              id: string;
              /** @description posted or pending */
              status: string;
              description: string;
              reference: string | null;
              amount: string;
              currency: string;
              balance: string | null;
              /** @description credit or debit */
              direction: string;
              class: string | null;
              subClass: {
                code: string;
                title: string;
              } | null;
              transactionDate: string | null;
              postDate: string | null;
              paymentDetails: {
                [key: string]: unknown;
              } | null;
              enrich: null;
              merchant: {
                name: string;
                categoryCode: string | null;
              } | null;
              /** Format: uuid */
              account: string;
              /** Format: uuid */
              connection: string;
              institution: string;
              pendingTransactionId: string | null;
              /** Format: date-time */
              createdDate: string;
              /** Format: date-time */
              updatedDate: string;
              links: {
                /** Format: uri */
                self: string;
                /** Format: uri */
                account: string;
                /** Format: uri */
                institution: string;
                /** Format: uri */
                connection: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/institutions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List institutions */
    get: {
      parameters: {
        query?: {
          /** @description institution.id, .country, .tier, .authorization, .serviceType, .institutionType, .stage, .status, .method (eq, ne, in); v2: institution.openBankingSource.eq, institution.connectorStatus.eq; comma = AND */
          filter?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['Institution'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/institutions/{institutionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an institution */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @example AU00000 */
          institutionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'institution';
              /** @example AU00000 */
              id: string;
              name: string;
              shortName: string;
              institutionType:
                | 'Bank'
                | 'Bank (Foreign)'
                | 'Test Bank'
                | 'Credit Union'
                | 'Financial Services'
                | 'Superannuation'
                | 'Building Society'
                | 'Government';
              country: 'Australia' | 'New Zealand';
              serviceName: string | null;
              serviceType: string | null;
              loginIdCaption: string | null;
              passwordCaption: string | null;
              /** @description absent when the bank does not ask for it */
              secondaryLoginIdCaption?: string;
              /** @description absent when the bank does not ask for it */
              securityCodeCaption?: string;
              /** @description absent when the bank does not ask for it */
              userTokenCaption?: string;
              forgottenPasswordUrl: string | null;
              tier: '1' | '2' | '3' | '4';
              authorization:
                ('user' | 'user-mfa' | 'user-mfa-intermittent' | 'token' | 'other') | null;
              stage: 'live' | 'beta' | 'alpha';
              status:
                | 'operational'
                | 'degraded-performance'
                | 'partial-outage'
                | 'major-outage'
                | 'under-maintenance';
              /** @description ext */
              methods: ('web' | 'open-banking')[];
              /** @description ext: one entry per offered method */
              health: {
                web?: {
                  breaker: 'closed' | 'open' | 'half-open';
                  successRate1h: number | null;
                  p50DurationMs: number | null;
                  p95DurationMs: number | null;
                  nextProbeAt: string | null;
                };
                'open-banking'?: {
                  breaker: 'closed' | 'open' | 'half-open';
                  successRate1h: number | null;
                  p50DurationMs: number | null;
                  p95DurationMs: number | null;
                  nextProbeAt: string | null;
                };
              };
              stats: {
                averageDurationMs: {
                  verifyCredentials: number | null;
                  retrieveAccounts: number | null;
                  retrieveTransactions: number | null;
                  retrieveMeta: null;
                  total: number | null;
                };
              };
              logo: {
                /** @enum {string} */
                type: 'image';
                colors: {
                  primary: string;
                };
                links: {
                  /** @description {base}/assets/institutions/{id}/square.svg */
                  square: string;
                  /** @description {base}/assets/institutions/{id}/full.svg */
                  full: string;
                };
              };
              features: {
                login: ('web' | 'open-banking')[];
                mfaChallenge: ('web' | 'open-banking')[];
                accounts: {
                  accountNo: ('web' | 'open-banking')[];
                  name: ('web' | 'open-banking')[];
                  balance: ('web' | 'open-banking')[];
                  availableFunds: ('web' | 'open-banking')[];
                  currency: ('web' | 'open-banking')[];
                  accountHolder: ('web' | 'open-banking')[];
                  lastUpdated: ('web' | 'open-banking')[];
                  meta: ('web' | 'open-banking')[];
                };
                transactions: {
                  status: ('web' | 'open-banking')[];
                  description: ('web' | 'open-banking')[];
                  date: ('web' | 'open-banking')[];
                  amount: ('web' | 'open-banking')[];
                  balance: ('web' | 'open-banking')[];
                  class: ('web' | 'open-banking')[];
                };
                profile: {
                  fullName: ('web' | 'open-banking')[];
                  firstName: ('web' | 'open-banking')[];
                  middleName: ('web' | 'open-banking')[];
                  lastName: ('web' | 'open-banking')[];
                  emailAddresses: ('web' | 'open-banking')[];
                  phoneNumbers: ('web' | 'open-banking')[];
                  physicalAddresses: ('web' | 'open-banking')[];
                };
              };
              links: {
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/connectors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List connectors */
    get: {
      parameters: {
        query?: {
          /** @description connector.id, .method, .stage, .status, .authorization.type, .institution.country, .institution.tier, .institution.type, .scopes (eq, ne, in); comma = AND */
          filter?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              /** @description = size */
              totalCount: number;
              data: components['schemas']['Connector'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/connectors/{institutionId}/{method}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a connector */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @example AU00000 */
          institutionId: string;
          method: 'web' | 'open-banking' | 'openbanking';
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'connector';
              /** @example AU00000 */
              id: string;
              method: 'web' | 'open-banking';
              stage: 'live' | 'beta' | 'alpha';
              status:
                | 'operational'
                | 'degraded-performance'
                | 'partial-outage'
                | 'major-outage'
                | 'under-maintenance';
              institution: {
                type:
                  | 'Bank'
                  | 'Bank (Foreign)'
                  | 'Test Bank'
                  | 'Credit Union'
                  | 'Financial Services'
                  | 'Superannuation'
                  | 'Building Society'
                  | 'Government';
                name: string;
                shortName: string;
                tier: '1' | '2' | '3' | '4';
                country: 'Australia' | 'New Zealand';
                logo: {
                  /** @enum {string} */
                  type: 'image';
                  colors: {
                    primary: string;
                  };
                  links: {
                    /** @description {base}/assets/institutions/{id}/square.svg */
                    square: string;
                    /** @description {base}/assets/institutions/{id}/full.svg */
                    full: string;
                  };
                };
                cdrProviderNumber: string | null;
                abn: string | null;
                cdrPolicy: string | null;
              };
              /** @description CDR scopes; [] for web */
              scopes: string[];
              authorization: {
                type: 'user' | 'user-mfa' | 'user-mfa-intermittent' | 'token' | 'other';
                meta: {
                  login_id_caption: string | null;
                  password_caption: string | null;
                  secondary_login_id_caption: string | null;
                  security_code_caption: string | null;
                  forgotten_password_url: string | null;
                };
              };
              stats: {
                averageDurationMs: {
                  verifyCredentials: number | null;
                  retrieveAccounts: number | null;
                  retrieveTransactions: number | null;
                  retrieveMeta: null;
                  total: number | null;
                };
              };
              links: {
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/public/institutions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List institutions (public) */
    get: {
      parameters: {
        query?: {
          /** @description institution.id, .country, .tier, .authorization, .serviceType, .institutionType, .stage, .status, .method (eq, ne, in); v2: institution.openBankingSource.eq, institution.connectorStatus.eq; comma = AND */
          filter?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['Institution'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/public/institutions/{institutionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an institution (public) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @example AU00000 */
          institutionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'institution';
              /** @example AU00000 */
              id: string;
              name: string;
              shortName: string;
              institutionType:
                | 'Bank'
                | 'Bank (Foreign)'
                | 'Test Bank'
                | 'Credit Union'
                | 'Financial Services'
                | 'Superannuation'
                | 'Building Society'
                | 'Government';
              country: 'Australia' | 'New Zealand';
              serviceName: string | null;
              serviceType: string | null;
              loginIdCaption: string | null;
              passwordCaption: string | null;
              /** @description absent when the bank does not ask for it */
              secondaryLoginIdCaption?: string;
              /** @description absent when the bank does not ask for it */
              securityCodeCaption?: string;
              /** @description absent when the bank does not ask for it */
              userTokenCaption?: string;
              forgottenPasswordUrl: string | null;
              tier: '1' | '2' | '3' | '4';
              authorization:
                ('user' | 'user-mfa' | 'user-mfa-intermittent' | 'token' | 'other') | null;
              stage: 'live' | 'beta' | 'alpha';
              status:
                | 'operational'
                | 'degraded-performance'
                | 'partial-outage'
                | 'major-outage'
                | 'under-maintenance';
              /** @description ext */
              methods: ('web' | 'open-banking')[];
              /** @description ext: one entry per offered method */
              health: {
                web?: {
                  breaker: 'closed' | 'open' | 'half-open';
                  successRate1h: number | null;
                  p50DurationMs: number | null;
                  p95DurationMs: number | null;
                  nextProbeAt: string | null;
                };
                'open-banking'?: {
                  breaker: 'closed' | 'open' | 'half-open';
                  successRate1h: number | null;
                  p50DurationMs: number | null;
                  p95DurationMs: number | null;
                  nextProbeAt: string | null;
                };
              };
              stats: {
                averageDurationMs: {
                  verifyCredentials: number | null;
                  retrieveAccounts: number | null;
                  retrieveTransactions: number | null;
                  retrieveMeta: null;
                  total: number | null;
                };
              };
              logo: {
                /** @enum {string} */
                type: 'image';
                colors: {
                  primary: string;
                };
                links: {
                  /** @description {base}/assets/institutions/{id}/square.svg */
                  square: string;
                  /** @description {base}/assets/institutions/{id}/full.svg */
                  full: string;
                };
              };
              features: {
                login: ('web' | 'open-banking')[];
                mfaChallenge: ('web' | 'open-banking')[];
                accounts: {
                  accountNo: ('web' | 'open-banking')[];
                  name: ('web' | 'open-banking')[];
                  balance: ('web' | 'open-banking')[];
                  availableFunds: ('web' | 'open-banking')[];
                  currency: ('web' | 'open-banking')[];
                  accountHolder: ('web' | 'open-banking')[];
                  lastUpdated: ('web' | 'open-banking')[];
                  meta: ('web' | 'open-banking')[];
                };
                transactions: {
                  status: ('web' | 'open-banking')[];
                  description: ('web' | 'open-banking')[];
                  date: ('web' | 'open-banking')[];
                  amount: ('web' | 'open-banking')[];
                  balance: ('web' | 'open-banking')[];
                  class: ('web' | 'open-banking')[];
                };
                profile: {
                  fullName: ('web' | 'open-banking')[];
                  firstName: ('web' | 'open-banking')[];
                  middleName: ('web' | 'open-banking')[];
                  lastName: ('web' | 'open-banking')[];
                  emailAddresses: ('web' | 'open-banking')[];
                  phoneNumbers: ('web' | 'open-banking')[];
                  physicalAddresses: ('web' | 'open-banking')[];
                };
              };
              links: {
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/public/connectors': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List connectors (public) */
    get: {
      parameters: {
        query?: {
          /** @description connector.id, .method, .stage, .status, .authorization.type, .institution.country, .institution.tier, .institution.type, .scopes (eq, ne, in); comma = AND */
          filter?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              /** @description = size */
              totalCount: number;
              data: components['schemas']['Connector'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/public/connectors/{institutionId}/{method}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a connector (public) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @example AU00000 */
          institutionId: string;
          method: 'web' | 'open-banking' | 'openbanking';
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'connector';
              /** @example AU00000 */
              id: string;
              method: 'web' | 'open-banking';
              stage: 'live' | 'beta' | 'alpha';
              status:
                | 'operational'
                | 'degraded-performance'
                | 'partial-outage'
                | 'major-outage'
                | 'under-maintenance';
              institution: {
                type:
                  | 'Bank'
                  | 'Bank (Foreign)'
                  | 'Test Bank'
                  | 'Credit Union'
                  | 'Financial Services'
                  | 'Superannuation'
                  | 'Building Society'
                  | 'Government';
                name: string;
                shortName: string;
                tier: '1' | '2' | '3' | '4';
                country: 'Australia' | 'New Zealand';
                logo: {
                  /** @enum {string} */
                  type: 'image';
                  colors: {
                    primary: string;
                  };
                  links: {
                    /** @description {base}/assets/institutions/{id}/square.svg */
                    square: string;
                    /** @description {base}/assets/institutions/{id}/full.svg */
                    full: string;
                  };
                };
                cdrProviderNumber: string | null;
                abn: string | null;
                cdrPolicy: string | null;
              };
              /** @description CDR scopes; [] for web */
              scopes: string[];
              authorization: {
                type: 'user' | 'user-mfa' | 'user-mfa-intermittent' | 'token' | 'other';
                meta: {
                  login_id_caption: string | null;
                  password_caption: string | null;
                  secondary_login_id_caption: string | null;
                  security_code_caption: string | null;
                  forgotten_password_url: string | null;
                };
              };
              stats: {
                averageDurationMs: {
                  verifyCredentials: number | null;
                  retrieveAccounts: number | null;
                  retrieveTransactions: number | null;
                  retrieveMeta: null;
                  total: number | null;
                };
              };
              links: {
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assets/institutions/{institutionId}/square.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An institution's square logo (SVG) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @example AU00000 */
          institutionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description image/svg+xml */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/assets/institutions/{institutionId}/full.svg': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An institution's full logo (SVG) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @example AU00000 */
          institutionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description image/svg+xml */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'image/svg+xml': string;
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List events */
    get: {
      parameters: {
        query?: {
          /** @description user.id.eq, event.entity.eq, event.type.eq, connection.id.eq, event.createdDate (gt, gteq, lt, lteq, bt); comma = AND */
          filter?: string;
          limit?: number;
          next?: string;
          order?: 'asc' | 'desc';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['Event'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/events/types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List event types */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['EventType'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/events/types/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an event type */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          id: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'event-type';
              id: string;
              entity: string;
              eventType: string;
              description: string;
              /** @enum {boolean} */
              webhook: true;
              links: {
                self: string;
              };
            };
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/events/{eventId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an event */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          eventId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'event';
              /** Format: uuid */
              id: string;
              /** Format: date-time */
              createdDate: string;
              /** @description user, connection, account, transactions, consent or job */
              entity: string;
              /** @description created, updated, activated, … (no entity prefix) */
              eventType: string;
              /** @description entity + "." + eventType */
              eventTypeId: string;
              userId: string | null;
              /** @description absolute URL of the affected resource */
              dataRef: string;
              /** @description snapshot at commit time */
              data: {
                [key: string]: unknown;
              };
              /** @description strictly increasing over the deployment */
              sequence: number;
              links: {
                self: string;
                eventEntity: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List applications */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: {
                /** @enum {string} */
                type: 'application';
                /** Format: uuid */
                id: string;
                name: string;
                status: 'active' | 'disabled';
                createdDate: string;
                keys: number;
              }[];
              links: {
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    /** Create an application and its first key */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'application';
              /** Format: uuid */
              id: string;
              name: string;
              status: 'active' | 'disabled';
              createdDate: string;
              key: {
                /** @enum {string} */
                type: 'api-key';
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                applicationId: string;
                value?: string;
                hint: string;
                status: string;
                createdDate: string;
                lastUsedAt: string | null;
                revokedAt: string | null;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid, invalid-content. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/applications/{applicationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an application */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          applicationId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'application';
              /** Format: uuid */
              id: string;
              name: string;
              status: 'active' | 'disabled';
              createdDate: string;
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    /** Rename, disable or enable an application */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          applicationId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name?: string;
            status?: 'active' | 'disabled';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'application';
              /** Format: uuid */
              id: string;
              name: string;
              status: 'active' | 'disabled';
              createdDate: string;
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/applications/{applicationId}/keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List an application's keys (never their values) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          applicationId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: {
                /** @enum {string} */
                type: 'api-key';
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                applicationId: string;
                value?: string;
                hint: string;
                status: string;
                createdDate: string;
                lastUsedAt: string | null;
                revokedAt: string | null;
              }[];
              links: {
                self: string;
              };
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    /** Add a key to an application */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          applicationId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'api-key';
              /** Format: uuid */
              id: string;
              /** Format: uuid */
              applicationId: string;
              value?: string;
              hint: string;
              status: string;
              createdDate: string;
              lastUsedAt: string | null;
              revokedAt: string | null;
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/keys/{keyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a key and every token minted with it */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          keyId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/reencrypt': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Seal every stored secret under the current encryption key */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              reencrypted: number;
              unreadable: number;
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/backup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A consistent backup archive of the deployment (gzip) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description application/gzip: the archive of operations.md §12 */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': string;
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/admin/sandbox/reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reset the sandbox banks, as POST /sandbox/reset */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sandbox/clock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read the sandbox clock */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /**
               * Format: date-time
               * @example 2026-11-24T09:15:02Z
               */
              now: string;
              /**
               * @description Seconds the clock runs ahead of wall time; only grows
               * @example 86400
               */
              offsetSeconds: number;
            };
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    /**
     * Move the sandbox clock forward
     * @description Either `advance` (an ISO 8601 duration of W, D, H, M and S parts, more than zero and at most P3650D) or `to` (an RFC 3339 time not earlier than now). The clock never moves back; every process sees the move within a second, and work that became due runs at once.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json':
            | {
                /**
                 * @example P1D
                 * @example PT6M
                 * @example P1DT2H
                 */
                advance: string;
              }
            | {
                /**
                 * Format: date-time
                 * @example 2026-12-01T00:00:00Z
                 */
                to: string;
              };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /**
               * Format: date-time
               * @example 2026-11-24T09:15:02Z
               */
              now: string;
              /**
               * @description Seconds the clock runs ahead of wall time; only grows
               * @example 86400
               */
              offsetSeconds: number;
            };
          };
        };
        /** @description Error codes: parameter-not-valid, invalid-content. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: request-too-large. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: unsupported-content-type. */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sandbox/reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Reset the sandbox banks
     * @description Clears sessions, lockouts, accepted notices, MFA counters and faults; not the clock or stored data.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Reset */
        204: {
          headers: {
            [name: string]: unknown;
          };
          content?: never;
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sandbox/faults/{institutionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Set or clear a sandbox institution's fault */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @example AU00000 */
          institutionId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            surface: 'web' | 'cdr' | 'both';
            mode: 'none' | 'maintenance' | 'error-5xx' | 'timeout' | 'broken-layout';
            until?: string | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @example AU00000 */
              institution: string;
              surface: 'web' | 'cdr' | 'both';
              mode: 'none' | 'maintenance' | 'error-5xx' | 'timeout' | 'broken-layout';
              until: string | null;
            };
          };
        };
        /** @description Error codes: parameter-not-supplied, parameter-not-valid, invalid-content. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: request-too-large. */
        413: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: unsupported-content-type. */
        415: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sandbox/faults': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the faults in force */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: components['schemas']['SandboxFault'][];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sandbox/personas': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the sandbox personas with their counts for today */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              type: 'list';
              count: number;
              size: number;
              data: {
                loginId: string;
                personaNumber: number;
                memberNumber: string | null;
                historyDays: number | null;
                /** @description How many accounts the persona has */
                accounts: number;
                postedCount: number;
                pendingCount: number;
              }[];
              links: {
                self: string;
                next?: string;
              };
            };
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sandbox/personas/{loginId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a persona and its accounts for today (ground truth) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          loginId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              loginId: string;
              personaNumber: number;
              memberNumber: string | null;
              historyDays: number | null;
              postedCount: number;
              pendingCount: number;
              accounts: {
                /** @description The bank account id */
                id: string;
                name: string;
                type: string;
                product: string;
                bsb: string | null;
                number: string;
                /** @example -124.69 */
                balance: string;
                /** @example -124.69 */
                availableFunds: string;
                creditLimit: string | null;
                postedCount: number;
                pendingCount: number;
                firstPostDate: string | null;
                lastPostDate: string | null;
              }[];
            };
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/sandbox/personas/{loginId}/accounts/{accountId}/transactions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List an account's transactions for today (ground truth) */
    get: {
      parameters: {
        query?: {
          /** @description YYYY-MM-DD or an RFC 3339 time (its date is used) */
          from?: string;
          /** @description YYYY-MM-DD or an RFC 3339 time (its date is used) */
          to?: string;
          offset?: number;
          limit?: number;
        };
        header?: never;
        path: {
          loginId: string;
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                id: string | null;
                status: 'posted' | 'pending';
                /**
                 * Format: date
                 * @example 2026-11-23
                 */
                date: string;
                time: string;
                description: string;
                /** @example -124.69 */
                amount: string;
                class: string;
                balance: string | null;
                becomes: string | null;
              }[];
              total: number;
            };
          };
        };
        /** @description Error codes: parameter-not-valid. */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: invalid-authorization-token. */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: access-denied, forbidden-access. */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: resource-not-found. */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: too-many-requests. */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: internal-server-error. */
        500: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
        /** @description Error codes: service-unavailable. */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ErrorList'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** Error list */
    ErrorList: {
      /** @enum {string} */
      type: 'list';
      correlationId: string;
      data: {
        /** @enum {string} */
        type: 'error';
        code:
          | 'parameter-not-supplied'
          | 'parameter-not-valid'
          | 'invalid-content'
          | 'invalid-credentials'
          | 'institution-not-supported'
          | 'institution-disabled'
          | 'no-webhooks-found'
          | 'unauthorized-access'
          | 'invalid-authorization-token'
          | 'access-denied'
          | 'forbidden-access'
          | 'too-many-sandbox-connections'
          | 'resource-not-found'
          | 'method-not-allowed'
          | 'resource-already-exists'
          | 'idempotency-key-in-use'
          | 'connection-method-conflict'
          | 'connection-deleted'
          | 'connection-not-ready'
          | 'reconsent-required'
          | 'job-in-progress'
          | 'mfa-not-requested'
          | 'webhook-disabled'
          | 'resource-no-longer-available'
          | 'request-too-large'
          | 'unsupported-content-type'
          | 'idempotency-key-mismatch'
          | 'too-many-requests'
          | 'refresh-limit-reached'
          | 'internal-server-error'
          | 'service-unavailable';
        title: string;
        detail: string;
        source: {
          pointer?: string;
          parameter?: string;
        } | null;
      }[];
    };
    ConnectionInList: {
      /** @enum {string} */
      type: 'connection';
      /** Format: uuid */
      id: string;
      method: 'web' | 'open-banking';
      /** @description pending, pre-init, init, active, invalid, deleted */
      status: string;
      /** Format: date-time */
      createdDate: string;
      lastUsed: string | null;
      expiryDate: string | null;
      mfaEnabled: boolean;
      institution: {
        id: string;
        /** @enum {string} */
        type: 'institution';
        links: {
          /** Format: uri */
          self: string;
        };
      };
      reason: {
        code: string;
        title: string;
        detail: string;
        nextAction: string;
        retryable: boolean;
        /** Format: date-time */
        occurredAt: string;
        /** Format: uuid */
        jobId: string;
      } | null;
      resumeAt: string | null;
      lastSuccessAt: string | null;
      dataAsOf: string | null;
      refresh: {
        limit: number;
        remaining: number;
        resetsAt: string | null;
      };
      smartCache: {
        eligible: boolean;
        nextScheduledAt: string | null;
        ineligibleReason: string | null;
      };
      links: {
        /** Format: uri */
        self: string;
        /** Format: uri */
        accounts: string;
        /** Format: uri */
        transactions: string;
        /** Format: uri */
        institution: string;
        /** Format: uri */
        user: string;
        /** Format: uri */
        jobs: string;
      };
    };
    JobReference: {
      /** @enum {string} */
      type: 'job';
      /** Format: uuid */
      id: string;
      links: {
        /** Format: uri */
        self: string;
      };
    };
    Job: {
      /** @enum {string} */
      type: 'job';
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      jobType: 'connection';
      /** Format: date-time */
      created: string;
      /** Format: date-time */
      updated: string;
      /** @description in-progress, success, failed */
      status: string;
      institution: {
        id: string;
        /** @enum {string} */
        type: 'institution';
        links: {
          /** Format: uri */
          self: string;
        };
      };
      steps: {
        /** @description verify-credentials, mfa-challenge, retrieve-accounts, retrieve-transactions */
        title: string;
        /** @description pending, in-progress, success, failed */
        status: string;
        result: {
          [key: string]: unknown;
        } | null;
        startedAt: string | null;
        finishedAt: string | null;
      }[];
      trigger: string;
      /** Format: uuid */
      connection: string;
      resumeAt: string | null;
      waitReason: string | null;
      window: {
        from: string;
        to: string;
      } | null;
      links: {
        /** Format: uri */
        self: string;
        /** Format: uri */
        source: string;
      };
    };
    Account: {
      /** @enum {string} */
      type: 'account';
      /** Format: uuid */
      id: string;
      name: string;
      displayName: string | null;
      accountNo: string;
      maskedNumber: string | null;
      bsb: string | null;
      unmaskedAccNum: string | null;
      accountHolder: string | null;
      accountOwnership: string;
      isOwned: boolean;
      balance: string | null;
      availableFunds: string | null;
      creditLimit: string | null;
      amortisedLimit: string | null;
      depositRate: string | null;
      lendingRate: string | null;
      bundleName: string | null;
      creationDate: string | null;
      purses: {
        amount: string;
        currency: string;
      }[];
      class: {
        type: string;
        product: string | null;
      };
      currency: string;
      /** Format: uuid */
      connection: string;
      institution: string;
      /** Format: date-time */
      lastUpdated: string;
      /** @description available or unavailable */
      status: string;
      transactionIntervals: {
        from: string;
        to: string;
      }[];
      meta: {
        [key: string]: unknown;
      } | null;
      links: {
        /** Format: uri */
        self: string;
        /** Format: uri */
        transactions: string;
        /** Format: uri */
        connection: string;
        /** Format: uri */
        institution: string;
      };
    };
    Transaction: {
      /** @enum {string} */
      type: 'transaction';
      /** Format: uuid */
      id: string;
      /** @description posted or pending */
      status: string;
      description: string;
      reference: string | null;
      amount: string;
      currency: string;
      balance: string | null;
      /** @description credit or debit */
      direction: string;
      class: string | null;
      subClass: {
        code: string;
        title: string;
      } | null;
      transactionDate: string | null;
      postDate: string | null;
      paymentDetails: {
        [key: string]: unknown;
      } | null;
      enrich: null;
      merchant: {
        name: string;
        categoryCode: string | null;
      } | null;
      /** Format: uuid */
      account: string;
      /** Format: uuid */
      connection: string;
      institution: string;
      pendingTransactionId: string | null;
      /** Format: date-time */
      createdDate: string;
      /** Format: date-time */
      updatedDate: string;
      links: {
        /** Format: uri */
        self: string;
        /** Format: uri */
        account: string;
        /** Format: uri */
        institution: string;
        /** Format: uri */
        connection: string;
      };
    };
    Institution: {
      /** @enum {string} */
      type: 'institution';
      /** @example AU00000 */
      id: string;
      name: string;
      shortName: string;
      institutionType:
        | 'Bank'
        | 'Bank (Foreign)'
        | 'Test Bank'
        | 'Credit Union'
        | 'Financial Services'
        | 'Superannuation'
        | 'Building Society'
        | 'Government';
      country: 'Australia' | 'New Zealand';
      serviceName: string | null;
      serviceType: string | null;
      loginIdCaption: string | null;
      passwordCaption: string | null;
      /** @description absent when the bank does not ask for it */
      secondaryLoginIdCaption?: string;
      /** @description absent when the bank does not ask for it */
      securityCodeCaption?: string;
      /** @description absent when the bank does not ask for it */
      userTokenCaption?: string;
      forgottenPasswordUrl: string | null;
      tier: '1' | '2' | '3' | '4';
      authorization: ('user' | 'user-mfa' | 'user-mfa-intermittent' | 'token' | 'other') | null;
      stage: 'live' | 'beta' | 'alpha';
      status:
        | 'operational'
        | 'degraded-performance'
        | 'partial-outage'
        | 'major-outage'
        | 'under-maintenance';
      /** @description ext */
      methods: ('web' | 'open-banking')[];
      /** @description ext: one entry per offered method */
      health: {
        web?: {
          breaker: 'closed' | 'open' | 'half-open';
          successRate1h: number | null;
          p50DurationMs: number | null;
          p95DurationMs: number | null;
          nextProbeAt: string | null;
        };
        'open-banking'?: {
          breaker: 'closed' | 'open' | 'half-open';
          successRate1h: number | null;
          p50DurationMs: number | null;
          p95DurationMs: number | null;
          nextProbeAt: string | null;
        };
      };
      stats: {
        averageDurationMs: {
          verifyCredentials: number | null;
          retrieveAccounts: number | null;
          retrieveTransactions: number | null;
          retrieveMeta: null;
          total: number | null;
        };
      };
      logo: {
        /** @enum {string} */
        type: 'image';
        colors: {
          primary: string;
        };
        links: {
          /** @description {base}/assets/institutions/{id}/square.svg */
          square: string;
          /** @description {base}/assets/institutions/{id}/full.svg */
          full: string;
        };
      };
      features: {
        login: ('web' | 'open-banking')[];
        mfaChallenge: ('web' | 'open-banking')[];
        accounts: {
          accountNo: ('web' | 'open-banking')[];
          name: ('web' | 'open-banking')[];
          balance: ('web' | 'open-banking')[];
          availableFunds: ('web' | 'open-banking')[];
          currency: ('web' | 'open-banking')[];
          accountHolder: ('web' | 'open-banking')[];
          lastUpdated: ('web' | 'open-banking')[];
          meta: ('web' | 'open-banking')[];
        };
        transactions: {
          status: ('web' | 'open-banking')[];
          description: ('web' | 'open-banking')[];
          date: ('web' | 'open-banking')[];
          amount: ('web' | 'open-banking')[];
          balance: ('web' | 'open-banking')[];
          class: ('web' | 'open-banking')[];
        };
        profile: {
          fullName: ('web' | 'open-banking')[];
          firstName: ('web' | 'open-banking')[];
          middleName: ('web' | 'open-banking')[];
          lastName: ('web' | 'open-banking')[];
          emailAddresses: ('web' | 'open-banking')[];
          phoneNumbers: ('web' | 'open-banking')[];
          physicalAddresses: ('web' | 'open-banking')[];
        };
      };
      links: {
        self: string;
      };
    };
    Connector: {
      /** @enum {string} */
      type: 'connector';
      /** @example AU00000 */
      id: string;
      method: 'web' | 'open-banking';
      stage: 'live' | 'beta' | 'alpha';
      status:
        | 'operational'
        | 'degraded-performance'
        | 'partial-outage'
        | 'major-outage'
        | 'under-maintenance';
      institution: {
        type:
          | 'Bank'
          | 'Bank (Foreign)'
          | 'Test Bank'
          | 'Credit Union'
          | 'Financial Services'
          | 'Superannuation'
          | 'Building Society'
          | 'Government';
        name: string;
        shortName: string;
        tier: '1' | '2' | '3' | '4';
        country: 'Australia' | 'New Zealand';
        logo: {
          /** @enum {string} */
          type: 'image';
          colors: {
            primary: string;
          };
          links: {
            /** @description {base}/assets/institutions/{id}/square.svg */
            square: string;
            /** @description {base}/assets/institutions/{id}/full.svg */
            full: string;
          };
        };
        cdrProviderNumber: string | null;
        abn: string | null;
        cdrPolicy: string | null;
      };
      /** @description CDR scopes; [] for web */
      scopes: string[];
      authorization: {
        type: 'user' | 'user-mfa' | 'user-mfa-intermittent' | 'token' | 'other';
        meta: {
          login_id_caption: string | null;
          password_caption: string | null;
          secondary_login_id_caption: string | null;
          security_code_caption: string | null;
          forgotten_password_url: string | null;
        };
      };
      stats: {
        averageDurationMs: {
          verifyCredentials: number | null;
          retrieveAccounts: number | null;
          retrieveTransactions: number | null;
          retrieveMeta: null;
          total: number | null;
        };
      };
      links: {
        self: string;
      };
    };
    Event: {
      /** @enum {string} */
      type: 'event';
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      createdDate: string;
      /** @description user, connection, account, transactions, consent or job */
      entity: string;
      /** @description created, updated, activated, … (no entity prefix) */
      eventType: string;
      /** @description entity + "." + eventType */
      eventTypeId: string;
      userId: string | null;
      /** @description absolute URL of the affected resource */
      dataRef: string;
      /** @description snapshot at commit time */
      data: {
        [key: string]: unknown;
      };
      /** @description strictly increasing over the deployment */
      sequence: number;
      links: {
        self: string;
        eventEntity: string;
      };
    };
    EventType: {
      /** @enum {string} */
      type: 'event-type';
      id: string;
      entity: string;
      eventType: string;
      description: string;
      /** @enum {boolean} */
      webhook: true;
      links: {
        self: string;
      };
    };
    SandboxFault: {
      /** @example AU00000 */
      institution: string;
      surface: 'web' | 'cdr' | 'both';
      mode: 'none' | 'maintenance' | 'error-5xx' | 'timeout' | 'broken-layout';
      until: string | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
