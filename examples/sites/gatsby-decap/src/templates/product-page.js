import React from "react";
import PropTypes from "prop-types";
import { graphql } from "gatsby";
import Layout from "../components/Layout";

// eslint-disable-next-line
export const ProductPageTemplate = ({ title, heading, description, pricing }) => (
  <section className="section">
    <div className="container content">
      <h1 className="title is-size-2">{title}</h1>
      <h2 className="has-text-weight-semibold is-size-3">{heading}</h2>
      <p>{description}</p>
      <h2 className="has-text-weight-semibold is-size-3">{pricing.heading}</h2>
      <div className="columns">
        {pricing.plans.map((price) => (
          <div key={price.plan} className="column">
            <section className="section">
              <h4 className="has-text-centered has-text-weight-semibold">{price.plan}</h4>
              <p className="is-size-1 has-text-weight-bold has-text-primary has-text-centered">£{price.price}</p>
              <p className="has-text-weight-semibold">{price.description}</p>
            </section>
          </div>
        ))}
      </div>
    </div>
  </section>
);

ProductPageTemplate.propTypes = {
  title: PropTypes.string,
  heading: PropTypes.string,
  description: PropTypes.string,
  pricing: PropTypes.shape({ heading: PropTypes.string, plans: PropTypes.array }),
};

const ProductPage = ({ data }) => {
  const { frontmatter } = data.markdownRemark;

  return (
    <Layout>
      <ProductPageTemplate title={frontmatter.title} heading={frontmatter.heading} description={frontmatter.description} pricing={frontmatter.pricing} />
    </Layout>
  );
};

export default ProductPage;

export const productPageQuery = graphql`
  query ProductPage($id: String!) {
    markdownRemark(id: { eq: $id }) {
      frontmatter {
        title
        heading
        description
        pricing {
          heading
          plans {
            plan
            price
            description
          }
        }
      }
    }
  }
`;
