import { DateTimeScalar } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Customer } from './Customer.ts';
import { Order } from './Order.ts';
import { Payment } from './Payment.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Customer, Order, Payment };
