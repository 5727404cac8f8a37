/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SignOut($refreshToken: String!) {\n    logout(input: { refreshToken: $refreshToken })\n  }\n": typeof types.SignOutDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(input: { refreshToken: $refreshToken }) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation AddAddress($input: AddAddressInput!) {\n    addAddress(input: $input) {\n      id\n      addresses { id line1 line2 city postalCode country isDefault }\n    }\n  }\n": typeof types.AddAddressDocument,
    "\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      orderNumber\n      status\n      totalCents\n      currency\n      updatedAt\n      payments { id status amountCents }\n    }\n  }\n": typeof types.OrderDetailsDocument,
    "\n  subscription OrderUpdates($id: ID!) {\n    orderUpdated(orderId: $id) {\n      id\n      orderNumber\n      status\n      updatedAt\n      payments { id status amountCents }\n    }\n  }\n": typeof types.OrderUpdatesDocument,
    "\n  query MyOrders($first: Int!, $after: String) {\n    me {\n      id\n      orders(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            orderNumber\n            status\n            totalCents\n            currency\n            createdAt\n            items { menuItemId name quantity }\n            payments { id status amountCents refundedCents method { brand last4 } }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.MyOrdersDocument,
    "\n  query Checkout {\n    me {\n      id\n      store { id name currency menu { id name description category priceCents currency available } }\n      addresses { id line1 line2 city postalCode country isDefault }\n    }\n  }\n": typeof types.CheckoutDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id orderNumber status totalCents currency }\n  }\n": typeof types.PlaceOrderDocument,
    "\n  mutation PayOrder($input: PayOrderInput!) {\n    payOrder(input: $input) { id status amountCents currency failureReason method { brand last4 } }\n  }\n": typeof types.PayOrderDocument,
    "\n  query MyProfile {\n    me {\n      id\n      customerNumber\n      firstName\n      lastName\n      email\n      store { id name slug currency }\n      addresses { id line1 city postalCode country isDefault }\n      orderCount\n      ... @defer(label: \"metrics\") {\n        metrics { totalOrders totalSpentCents averageOrderValueCents currency }\n      }\n    }\n  }\n": typeof types.MyProfileDocument,
    "\n  query Stores {\n    stores { id slug name }\n  }\n": typeof types.StoresDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  query StoreBoard($slug: String!, $status: [OrderStatus!]) {\n    store(slug: $slug) {\n      id\n      name\n      currency\n      orders(first: 50, status: $status) {\n        totalCount\n        edges { node { ...BoardOrder } }\n      }\n    }\n  }\n  fragment BoardOrder on Order {\n    id\n    orderNumber\n    status\n    totalCents\n    currency\n    createdAt\n    updatedAt\n    items { menuItemId name quantity }\n    customer { id firstName lastName }\n  }\n": typeof types.StoreBoardDocument,
    "\n  subscription StoreOrderUpdates {\n    storeOrderUpdates { ...BoardOrder }\n  }\n": typeof types.StoreOrderUpdatesDocument,
    "\n  mutation MoveOrder($input: UpdateOrderStatusInput!) {\n    updateOrderStatus(input: $input) { ...BoardOrder }\n  }\n": typeof types.MoveOrderDocument,
    "\n  query StoreNumbers($slug: String!, $since: DateTime!) {\n    store(slug: $slug) {\n      id\n      analytics(since: $since) {\n        orderCount\n        revenueCents\n        refundedCents\n        averageOrderValueCents\n        newCustomers\n        currency\n        ordersByStatus { status count }\n      }\n    }\n    topCustomers(limit: 5, since: $since) {\n      customer { id firstName lastName email }\n      totalSpentCents\n      orderCount\n      currency\n    }\n  }\n": typeof types.StoreNumbersDocument,
    "\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {\n    deleteMyAccount(input: $input) { customerId erasedAt }\n  }\n": typeof types.DeleteMyAccountDocument,
};
const documents: Documents = {
    "\n  mutation SignOut($refreshToken: String!) {\n    logout(input: { refreshToken: $refreshToken })\n  }\n": types.SignOutDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(input: { refreshToken: $refreshToken }) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation AddAddress($input: AddAddressInput!) {\n    addAddress(input: $input) {\n      id\n      addresses { id line1 line2 city postalCode country isDefault }\n    }\n  }\n": types.AddAddressDocument,
    "\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      orderNumber\n      status\n      totalCents\n      currency\n      updatedAt\n      payments { id status amountCents }\n    }\n  }\n": types.OrderDetailsDocument,
    "\n  subscription OrderUpdates($id: ID!) {\n    orderUpdated(orderId: $id) {\n      id\n      orderNumber\n      status\n      updatedAt\n      payments { id status amountCents }\n    }\n  }\n": types.OrderUpdatesDocument,
    "\n  query MyOrders($first: Int!, $after: String) {\n    me {\n      id\n      orders(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            orderNumber\n            status\n            totalCents\n            currency\n            createdAt\n            items { menuItemId name quantity }\n            payments { id status amountCents refundedCents method { brand last4 } }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.MyOrdersDocument,
    "\n  query Checkout {\n    me {\n      id\n      store { id name currency menu { id name description category priceCents currency available } }\n      addresses { id line1 line2 city postalCode country isDefault }\n    }\n  }\n": types.CheckoutDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id orderNumber status totalCents currency }\n  }\n": types.PlaceOrderDocument,
    "\n  mutation PayOrder($input: PayOrderInput!) {\n    payOrder(input: $input) { id status amountCents currency failureReason method { brand last4 } }\n  }\n": types.PayOrderDocument,
    "\n  query MyProfile {\n    me {\n      id\n      customerNumber\n      firstName\n      lastName\n      email\n      store { id name slug currency }\n      addresses { id line1 city postalCode country isDefault }\n      orderCount\n      ... @defer(label: \"metrics\") {\n        metrics { totalOrders totalSpentCents averageOrderValueCents currency }\n      }\n    }\n  }\n": types.MyProfileDocument,
    "\n  query Stores {\n    stores { id slug name }\n  }\n": types.StoresDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n": types.RegisterDocument,
    "\n  query StoreBoard($slug: String!, $status: [OrderStatus!]) {\n    store(slug: $slug) {\n      id\n      name\n      currency\n      orders(first: 50, status: $status) {\n        totalCount\n        edges { node { ...BoardOrder } }\n      }\n    }\n  }\n  fragment BoardOrder on Order {\n    id\n    orderNumber\n    status\n    totalCents\n    currency\n    createdAt\n    updatedAt\n    items { menuItemId name quantity }\n    customer { id firstName lastName }\n  }\n": types.StoreBoardDocument,
    "\n  subscription StoreOrderUpdates {\n    storeOrderUpdates { ...BoardOrder }\n  }\n": types.StoreOrderUpdatesDocument,
    "\n  mutation MoveOrder($input: UpdateOrderStatusInput!) {\n    updateOrderStatus(input: $input) { ...BoardOrder }\n  }\n": types.MoveOrderDocument,
    "\n  query StoreNumbers($slug: String!, $since: DateTime!) {\n    store(slug: $slug) {\n      id\n      analytics(since: $since) {\n        orderCount\n        revenueCents\n        refundedCents\n        averageOrderValueCents\n        newCustomers\n        currency\n        ordersByStatus { status count }\n      }\n    }\n    topCustomers(limit: 5, since: $since) {\n      customer { id firstName lastName email }\n      totalSpentCents\n      orderCount\n      currency\n    }\n  }\n": types.StoreNumbersDocument,
    "\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {\n    deleteMyAccount(input: $input) { customerId erasedAt }\n  }\n": types.DeleteMyAccountDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut($refreshToken: String!) {\n    logout(input: { refreshToken: $refreshToken })\n  }\n"): (typeof documents)["\n  mutation SignOut($refreshToken: String!) {\n    logout(input: { refreshToken: $refreshToken })\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(input: { refreshToken: $refreshToken }) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(input: { refreshToken: $refreshToken }) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAddress($input: AddAddressInput!) {\n    addAddress(input: $input) {\n      id\n      addresses { id line1 line2 city postalCode country isDefault }\n    }\n  }\n"): (typeof documents)["\n  mutation AddAddress($input: AddAddressInput!) {\n    addAddress(input: $input) {\n      id\n      addresses { id line1 line2 city postalCode country isDefault }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      orderNumber\n      status\n      totalCents\n      currency\n      updatedAt\n      payments { id status amountCents }\n    }\n  }\n"): (typeof documents)["\n  query OrderDetails($id: ID!) {\n    order(id: $id) {\n      id\n      orderNumber\n      status\n      totalCents\n      currency\n      updatedAt\n      payments { id status amountCents }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderUpdates($id: ID!) {\n    orderUpdated(orderId: $id) {\n      id\n      orderNumber\n      status\n      updatedAt\n      payments { id status amountCents }\n    }\n  }\n"): (typeof documents)["\n  subscription OrderUpdates($id: ID!) {\n    orderUpdated(orderId: $id) {\n      id\n      orderNumber\n      status\n      updatedAt\n      payments { id status amountCents }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyOrders($first: Int!, $after: String) {\n    me {\n      id\n      orders(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            orderNumber\n            status\n            totalCents\n            currency\n            createdAt\n            items { menuItemId name quantity }\n            payments { id status amountCents refundedCents method { brand last4 } }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyOrders($first: Int!, $after: String) {\n    me {\n      id\n      orders(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            id\n            orderNumber\n            status\n            totalCents\n            currency\n            createdAt\n            items { menuItemId name quantity }\n            payments { id status amountCents refundedCents method { brand last4 } }\n          }\n        }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Checkout {\n    me {\n      id\n      store { id name currency menu { id name description category priceCents currency available } }\n      addresses { id line1 line2 city postalCode country isDefault }\n    }\n  }\n"): (typeof documents)["\n  query Checkout {\n    me {\n      id\n      store { id name currency menu { id name description category priceCents currency available } }\n      addresses { id line1 line2 city postalCode country isDefault }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id orderNumber status totalCents currency }\n  }\n"): (typeof documents)["\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) { id orderNumber status totalCents currency }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayOrder($input: PayOrderInput!) {\n    payOrder(input: $input) { id status amountCents currency failureReason method { brand last4 } }\n  }\n"): (typeof documents)["\n  mutation PayOrder($input: PayOrderInput!) {\n    payOrder(input: $input) { id status amountCents currency failureReason method { brand last4 } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProfile {\n    me {\n      id\n      customerNumber\n      firstName\n      lastName\n      email\n      store { id name slug currency }\n      addresses { id line1 city postalCode country isDefault }\n      orderCount\n      ... @defer(label: \"metrics\") {\n        metrics { totalOrders totalSpentCents averageOrderValueCents currency }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyProfile {\n    me {\n      id\n      customerNumber\n      firstName\n      lastName\n      email\n      store { id name slug currency }\n      addresses { id line1 city postalCode country isDefault }\n      orderCount\n      ... @defer(label: \"metrics\") {\n        metrics { totalOrders totalSpentCents averageOrderValueCents currency }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Stores {\n    stores { id slug name }\n  }\n"): (typeof documents)["\n  query Stores {\n    stores { id slug name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      token\n      expiresAt\n      refreshToken\n      customer { id firstName role store { slug } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StoreBoard($slug: String!, $status: [OrderStatus!]) {\n    store(slug: $slug) {\n      id\n      name\n      currency\n      orders(first: 50, status: $status) {\n        totalCount\n        edges { node { ...BoardOrder } }\n      }\n    }\n  }\n  fragment BoardOrder on Order {\n    id\n    orderNumber\n    status\n    totalCents\n    currency\n    createdAt\n    updatedAt\n    items { menuItemId name quantity }\n    customer { id firstName lastName }\n  }\n"): (typeof documents)["\n  query StoreBoard($slug: String!, $status: [OrderStatus!]) {\n    store(slug: $slug) {\n      id\n      name\n      currency\n      orders(first: 50, status: $status) {\n        totalCount\n        edges { node { ...BoardOrder } }\n      }\n    }\n  }\n  fragment BoardOrder on Order {\n    id\n    orderNumber\n    status\n    totalCents\n    currency\n    createdAt\n    updatedAt\n    items { menuItemId name quantity }\n    customer { id firstName lastName }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription StoreOrderUpdates {\n    storeOrderUpdates { ...BoardOrder }\n  }\n"): (typeof documents)["\n  subscription StoreOrderUpdates {\n    storeOrderUpdates { ...BoardOrder }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveOrder($input: UpdateOrderStatusInput!) {\n    updateOrderStatus(input: $input) { ...BoardOrder }\n  }\n"): (typeof documents)["\n  mutation MoveOrder($input: UpdateOrderStatusInput!) {\n    updateOrderStatus(input: $input) { ...BoardOrder }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StoreNumbers($slug: String!, $since: DateTime!) {\n    store(slug: $slug) {\n      id\n      analytics(since: $since) {\n        orderCount\n        revenueCents\n        refundedCents\n        averageOrderValueCents\n        newCustomers\n        currency\n        ordersByStatus { status count }\n      }\n    }\n    topCustomers(limit: 5, since: $since) {\n      customer { id firstName lastName email }\n      totalSpentCents\n      orderCount\n      currency\n    }\n  }\n"): (typeof documents)["\n  query StoreNumbers($slug: String!, $since: DateTime!) {\n    store(slug: $slug) {\n      id\n      analytics(since: $since) {\n        orderCount\n        revenueCents\n        refundedCents\n        averageOrderValueCents\n        newCustomers\n        currency\n        ordersByStatus { status count }\n      }\n    }\n    topCustomers(limit: 5, since: $since) {\n      customer { id firstName lastName email }\n      totalSpentCents\n      orderCount\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {\n    deleteMyAccount(input: $input) { customerId erasedAt }\n  }\n"): (typeof documents)["\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {\n    deleteMyAccount(input: $input) { customerId erasedAt }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;